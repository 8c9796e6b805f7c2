/** A mistake in the invocation, configuration or rule set: one line on stderr, exit 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
