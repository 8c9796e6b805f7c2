// Every error the tool reports is an AdherenceError with a stable code (and the cause that led to
// it, where there is one), and the CLI turns exactly those into one line and exit 2.
import { describe, it, expect, vi } from 'vitest';
import { join } from 'node:path';
import { AdherenceError, ERROR_CODES } from '../src/index.js';
import { revive } from '../src/errors.js';
import { loadCatalog } from '../src/catalog/index.js';
import { loadRuleSet, RuleSetError, traceRule, type Rule } from '../src/engine/index.js';
import { readWaivers, WaiverError } from '../src/findings/waivers.js';
import { readBaseline, BaselineError } from '../src/findings/baseline.js';
import { readPaths, readAtRevision, SourceError } from '../src/review/sources.js';
import { readDepositary, DepositaryError } from '../src/review/depositary.js';
import { readSignOff, SignOffError } from '../src/review/signoff.js';
import * as review from '../src/review/index.js';
import { UsageError } from '../src/cli/errors.js';
import { main } from '../src/cli/main.js';
import { cli, root } from './helpers.js';

const catalog = loadCatalog();
const missing = join(root, 'test', 'no-such-file');

/** What a call throws (it must throw). */
async function thrown(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('errors', () => {
  it('each error class is an AdherenceError with its own stable code and name', async () => {
    const cases: [unknown, abstract new (...args: never[]) => Error, string][] = [
      [await thrown(() => loadRuleSet({ only: ['no-such-rule'] }, catalog)), RuleSetError, ERROR_CODES.ruleSet],
      [await thrown(() => readWaivers(missing)), WaiverError, ERROR_CODES.waivers],
      [await thrown(() => readBaseline(missing)), BaselineError, ERROR_CODES.baseline],
      [await thrown(() => readPaths([missing], catalog)), SourceError, ERROR_CODES.source],
      [await thrown(() => readAtRevision('-x', ['profiles'], catalog)), SourceError, ERROR_CODES.source],
      [await thrown(() => readDepositary(root, catalog, missing)), DepositaryError, ERROR_CODES.depositary],
      [await thrown(() => readSignOff(missing)), SignOffError, ERROR_CODES.signOff],
      [new UsageError('x'), UsageError, ERROR_CODES.usage],
    ];
    for (const [err, cls, code] of cases) {
      expect(err).toBeInstanceOf(cls);
      expect(err).toBeInstanceOf(AdherenceError);
      expect(err).toMatchObject({ code, name: cls.name });
    }
    expect(new Set(cases.map((c) => c[2])).size).toBe(7);
  });

  it('a rule that fails at run time, or reads a fact the run lacks, is one too', () => {
    const rule = {
      id: 'r',
      scope: 'profile',
      file: 'r.yaml',
      conditions: { all: [{ fact: 'f', operator: 'in', value: { fact: 'g' } }] },
    } as unknown as Rule;
    const run = thrown(() => traceRule(rule, { f: 1, g: 2 }));
    const undef = thrown(() => traceRule(rule, { f: 1 }));
    return Promise.all([run, undef]).then(([a, b]) => {
      expect(a).toBeInstanceOf(RuleSetError); // a broken rule set, found at run time
      expect(a).toMatchObject({
        code: ERROR_CODES.ruleRun,
        name: 'RuleRunError',
        pointer: '/conditions/all/0',
        cause: expect.any(TypeError),
      });
      expect(b).toBeInstanceOf(AdherenceError);
      expect(b).toMatchObject({ code: ERROR_CODES.undefinedFact, fact: 'g' });
    });
  });

  it('keeps the cause of a failed read', async () => {
    for (const err of [
      await thrown(() => readWaivers(missing)),
      await thrown(() => readBaseline(missing)),
      await thrown(() => readDepositary(root, catalog, missing)),
    ]) {
      // The reader's error (code READ), and under it the operating system's.
      expect((err as Error).cause).toMatchObject({ code: ERROR_CODES.read, cause: { code: 'ENOENT' } });
    }
  });

  it("the depositary's error no longer shadows the global ReferenceError", () => {
    expect(Object.keys(review)).not.toContain('ReferenceError');
    expect(new DepositaryError('x')).not.toBeInstanceOf(ReferenceError);
  });

  it('an error that crossed a worker thread becomes an AdherenceError again by its code', () => {
    const crossed = Object.assign(new Error('x.yaml:3:4: boom'), { name: 'RuleRunError', code: ERROR_CODES.ruleRun });
    const back = revive(crossed);
    expect(back).toBeInstanceOf(AdherenceError);
    expect(back).toMatchObject({ message: 'x.yaml:3:4: boom', code: ERROR_CODES.ruleRun, cause: crossed });
    const other = Object.assign(new Error('no'), { code: 'ENOENT' });
    expect(revive(other)).toBe(other);
  });
});

describe('the CLI maps errors to exit 2 in one place', () => {
  it('an AdherenceError from any command (or a mistake in its options): its message on one line, exit 2', () => {
    for (const args of [
      ['check', '--waivers', missing, 'profiles'],
      ['check', '--baseline', missing, 'profiles'],
      ['review', 'profiles', '--against', missing],
      ['review', 'profiles', '--against', 'profiles', '--reference', root, '--mapping', missing],
      ['rules', '--rules-dir', 'x'],
      ['explain', 'profiles/kazakhstan.yaml', '--rule', 'nope'],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^adherence: [^\n]+\n$/);
      expect(r.stderr).not.toContain('internal error');
    }
  });

  it('an AdherenceError thrown by a command is its one line; any other error is an internal error', async () => {
    // A stand-in `rules` command that throws what it is told to.
    vi.doMock('../src/cli/rules.js', () => ({
      run: async ([what]: string[]) => {
        throw what === 'ours' ? new WaiverError('w.yaml:2:3: not a waiver') : new TypeError('x is undefined');
      },
    }));
    const write = process.stderr.write.bind(process.stderr);
    let out = '';
    process.stderr.write = ((s: string) => ((out += s), true)) as typeof process.stderr.write;
    try {
      expect(await main(['rules', 'ours'])).toBe(2);
      expect(out).toBe('adherence: w.yaml:2:3: not a waiver\n');
      out = '';
      expect(await main(['rules', 'theirs'])).toBe(2);
      expect(out).toBe('adherence: internal error: x is undefined (run with --debug for details)\n');
    } finally {
      process.stderr.write = write;
      vi.doUnmock('../src/cli/rules.js');
    }
  });
});
