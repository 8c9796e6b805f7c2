// The base of every error the tool reports as one line (exit 2): a stable `code` a caller can test
// instead of `instanceof` chains, and the `cause` that led to it.
export class AdherenceError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
