import { AdherenceError } from '../errors.js';

/** A mistake in the invocation, configuration or rule set: one line on stderr, exit 2. */
export class UsageError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'USAGE', options);
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
