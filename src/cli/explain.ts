import { UsageError } from './errors.js';

// Placeholder until the explain command lands; replaced by its implementation.
export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('the explain command is not built yet');
}
