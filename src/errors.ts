// The base of every error the tool reports as one line (exit 2): a stable `code` a caller can test
// instead of `instanceof` chains, and the `cause` that led to it.

/** Every code an AdherenceError carries; stable across releases (callers and scripts test them). */
export const ERROR_CODES = {
  /** A mistake in the invocation: unknown option or format, a missing argument. */
  usage: 'USAGE',
  /** A rule set that cannot be used: a rule file that does not read or check, an unknown rule id. */
  ruleSet: 'RULE_SET',
  /** A rule's condition that failed while it ran (a RuleSetError too). */
  ruleRun: 'RULE_RUN',
  /** A rule read a fact the run does not have. */
  undefinedFact: 'UNDEFINED_FACT',
  /** A configuration file or Checker options that cannot be read or do not match the configuration schema. */
  config: 'CONFIG',
  /** A waivers file that cannot be read or does not match its schema. */
  waivers: 'WAIVERS',
  /** A baseline that cannot be read or is not a JSON report of adherence. */
  baseline: 'BASELINE',
  /** Paths to check or review (a path that does not exist, no profile file) or a git revision that cannot be read. */
  source: 'SOURCE',
  /** Depositary tables or their mapping that cannot be read. */
  depositary: 'DEPOSITARY',
  /** A sign-off record that cannot be read or does not match its schema. */
  signOff: 'SIGN_OFF',
  /** A file the operating system would not give (missing, no permission, …). */
  read: 'READ',
  /** A path that is not a regular file (a folder, a device) where a file was wanted. */
  readNotFile: 'READ_NOT_FILE',
  /** A file over the size limit. */
  readTooBig: 'READ_TOO_BIG',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class AdherenceError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode | (string & {}),
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

const CODES = new Set<string>(Object.values(ERROR_CODES));

/**
 * An error that crossed a worker thread keeps its name, message and `code` but loses its class:
 * turn one of ours back into an AdherenceError (with the original as its cause), leave others be.
 */
export function revive(err: unknown): unknown {
  if (err instanceof AdherenceError || !(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && CODES.has(code) ? new AdherenceError(err.message, code, { cause: err }) : err;
}
