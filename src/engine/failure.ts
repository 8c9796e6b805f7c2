// A rule whose condition throws while it runs (say `in` against a value that turned out to be a
// number): the rule set's fault, reported as one line naming the rule file and the condition, exit 2.
// The compiled leaf that throws builds this error itself (src/engine/compile.ts); no evaluator here.
import { RuleSetError, rulePlace } from './load.js';
import type { Rule } from './types.js';
import { ERROR_CODES } from '../errors.js';
import type { DocumentFacts } from '../facts/index.js';
import { CheckFunctionError, runChecks } from './checks.js';

export class RuleRunError extends RuleSetError {
  constructor(
    message: string,
    readonly rule: Rule,
    /** The condition at fault, as a JSON pointer into the rule file. */
    readonly pointer: string,
    options?: { cause?: unknown },
  ) {
    super(message, options, ERROR_CODES.ruleRun);
  }
}

const show = (v: unknown) => (v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v)));

/** The one-line error for a leaf that threw: rule file, line and column of the condition, and what it compared. */
export function conditionFailure(rule: Rule, pointer: string, operator: string, a: unknown, b: unknown, err: unknown): RuleRunError {
  const why = `"${operator}" cannot compare ${show(a)} with ${show(b)} (${err instanceof Error ? err.message : String(err)})`;
  return new RuleRunError(`${rulePlace(rule.file, pointer)}: rule "${rule.id}" failed at run time: ${why}`, rule, pointer, { cause: err });
}

/**
 * The `check` fact of each run of a rule on a document (undefined for a rule without `checks:`). A
 * function that cannot run (a field its parameters name does not exist) is the rule's fault.
 */
export function ruleChecks(rule: Rule, doc: DocumentFacts): Record<string, unknown>[] | undefined {
  if (!rule.checks) return undefined;
  try {
    return runChecks(rule.checks, doc, rule.scope);
  } catch (err) {
    if (!(err instanceof CheckFunctionError)) throw err;
    const pointer = `/checks/${err.check ?? ''}`;
    const msg = `${rulePlace(rule.file, pointer)}: rule "${rule.id}" failed at run time: ${err.message}`;
    throw new RuleRunError(msg, rule, pointer, { cause: err });
  }
}
