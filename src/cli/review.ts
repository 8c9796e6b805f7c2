import { UsageError } from './errors.js';

// Placeholder until the review command lands; replaced by its implementation.
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('the review command is not built yet');
}
