import { UsageError } from './errors.js';

// Placeholder until the fuzz command lands; replaced by its implementation.
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('the fuzz command is not built yet');
}
