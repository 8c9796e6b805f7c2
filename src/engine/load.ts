// Reading rules/*.yaml: each file is checked against the rule schema, and its facts, operators and
// message references against what exists, so a broken rule set stops with file:line:column.
import { didYouMean } from '../suggest.js';
import { readdirSync } from 'node:fs';
import { readSideFile, unreadableReason } from '../load/read.js';
import { join, basename, extname } from 'node:path';
import { parseYamlDocument } from '../load/yaml.js';
import type { Loaded } from '../load/types.js';
import { validateAgainst } from '../schema/index.js';
import type { Catalog } from '../catalog/index.js';
import { SCOPES } from '../facts/index.js';
import { KNOWN_OPERATORS } from './operators.js';
import { CHECK_FUNCTIONS } from './checks.js';
import { templateRefs } from './template.js';
import type { Condition, Rule } from './types.js';
import { isLeaf } from './types.js';
import { AdherenceError, ERROR_CODES, type ErrorCode } from '../errors.js';

/** A rule set that cannot be used: the CLI prints it as one line and exits 2. */
export class RuleSetError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }, code: ErrorCode = ERROR_CODES.ruleSet) {
    super(message, code, options);
  }
}

/** Where each rule file's nodes stand, by file: for errors found after loading (duplicates, run time). */
const sources = new Map<string, Loaded<unknown>['positions']>();

/** Positions of a rule's condition nodes, by JSON pointer: what a run-time error points at, kept by the build. */
export type RulePositions = Record<string, [line: number, column: number]>;

/** The positions of every condition node of a rule read from `file` (for the prebuilt rule set). */
export function conditionPositions(rule: Rule): RulePositions {
  const at = sources.get(rule.file);
  const out: RulePositions = {};
  const walk = (c: Condition, ptr: string) => {
    const pos = at?.get(ptr);
    if (pos) out[ptr] = [pos.line, pos.column];
    if (isLeaf(c)) return;
    if ('all' in c) c.all.forEach((x, i) => walk(x, `${ptr}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => walk(x, `${ptr}/any/${i}`));
    else walk(c.not, `${ptr}/not`);
  };
  walk(rule.conditions, '/conditions');
  for (const name of Object.keys(rule.checks ?? {})) {
    const pos = at?.get(`/checks/${name}`);
    if (pos) out[`/checks/${name}`] = [pos.line, pos.column];
  }
  return out;
}

/** Registers positions the build kept, so that a prebuilt rule's errors point into its file too. */
export function keepPositions(file: string, table: RulePositions): void {
  sources.set(file, { get: (pointer) => (table[pointer] ? { line: table[pointer][0], column: table[pointer][1] } : undefined) });
}

/** `file:line:column` of a JSON pointer into a rule file that was read (line 1 if unknown). */
export function rulePlace(file: string, pointer: string): string {
  const pos = sources.get(file)?.get(pointer) ?? { line: 1, column: 1 };
  return `${file}:${pos.line}:${pos.column}`;
}

const fail = (file: string, loaded: Loaded<unknown> | undefined, pointer: string, message: string): never => {
  const pos = loaded?.positions.get(pointer) ?? { line: 1, column: 1 };
  throw new RuleSetError(`${file}:${pos.line}:${pos.column}: ${message}`);
};

export function readRuleFile(file: string, catalog: Catalog): Rule {
  let text: string;
  try {
    text = readSideFile(file);
  } catch (err) {
    throw new RuleSetError(`${file}: cannot read the rule file (${unreadableReason(err)})`, { cause: err });
  }
  const loaded = parseYamlDocument<Rule>(text, 'yaml');
  const p = loaded.problems[0];
  if (p || !loaded.profile) throw new RuleSetError(`${file}:${p?.line ?? 1}:${p?.column ?? 1}: ${p?.message ?? 'empty rule file'}`);
  const rule = loaded.profile;
  sources.set(file, loaded.positions);
  const invalid = validateAgainst('rule.schema.json', rule);
  if (invalid.length) fail(file, loaded, invalid[0]!.pointer, `not a valid rule: ${invalid[0]!.message}`);
  const stem = basename(file, extname(file));
  if (rule.id !== stem) fail(file, loaded, '/id', `the rule id "${rule.id}" differs from its file name (${stem}.yaml)`);

  const facts = new Set<string>(['state', 'profile', ...catalog.instruments.map((i) => i.id)]);
  if (rule.scope !== 'profile') facts.add(rule.scope);
  if (rule.checks) facts.add('check');
  for (const [name, call] of Object.entries(rule.checks ?? {})) {
    const fn = CHECK_FUNCTIONS[call.function];
    if (fn?.scopes && !fn.scopes.includes(rule.scope))
      fail(
        file,
        loaded,
        `/checks/${name}/function`,
        `the check function "${call.function}" reads a ${fn.scopes.join(', ')} item, not the ${rule.scope} scope`,
      );
  }
  const known = (name: string) => facts.has(name);
  const hint = (word: string, options: Iterable<string>) => {
    const near = didYouMean(word, options);
    return near ? ` (did you mean ${near}?)` : '';
  };
  // `check` holds the rule's own `checks:` results: a path into it must name one of them.
  const checkNames = Object.keys(rule.checks ?? {});
  const checkName = (fact: string, path: unknown, ptr: string) => {
    if (fact !== 'check') return;
    const name = typeof path === 'string' ? path.replace(/^\$\.?/, '').split('.')[0] : undefined;
    if (!name || !checkNames.includes(name))
      fail(
        file,
        loaded,
        ptr,
        `"check" has no result "${name ?? ''}"${hint(name ?? '', checkNames)} (the rule's checks: ${checkNames.join(', ')})`,
      );
  };
  const walk = (c: Condition, ptr: string) => {
    if (isLeaf(c)) {
      if (!known(c.fact))
        fail(
          file,
          loaded,
          `${ptr}/fact`,
          `unknown fact "${c.fact}"${hint(c.fact, facts)} (a ${rule.scope}-scope rule reads: ${[...facts].filter((f) => !catalog.instrument(f)).join(', ')}, or an instrument id)`,
        );
      if (!KNOWN_OPERATORS.has(c.operator))
        fail(
          file,
          loaded,
          `${ptr}/operator`,
          `unknown operator "${c.operator}"${hint(c.operator, KNOWN_OPERATORS)} (known: ${[...KNOWN_OPERATORS].join(', ')})`,
        );
      const v = c.value as { fact?: unknown; path?: unknown } | null;
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string' && !known(v.fact))
        fail(file, loaded, `${ptr}/value/fact`, `unknown fact "${v.fact}"`);
      checkName(c.fact, c.path, `${ptr}/path`);
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string') checkName(v.fact, v.path, `${ptr}/value/path`);
    } else if ('all' in c) c.all.forEach((x, i) => walk(x, `${ptr}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => walk(x, `${ptr}/any/${i}`));
    else walk(c.not, `${ptr}/not`);
  };
  walk(rule.conditions, '/conditions');
  for (const ref of templateRefs(rule.message)) {
    if (!known(ref.split('.')[0]!)) fail(file, loaded, '/message', `the message refers to an unknown fact "{${ref}}"`);
    checkName(ref.split('.')[0]!, `$.${ref.split('.').slice(1).join('.')}`, '/message');
  }
  const fixes = [
    ...(rule.fix ? [['/fix', rule.fix] as const] : []),
    ...(rule.suggestions ?? []).map((d, i) => [`/suggestions/${i}`, d] as const),
  ];
  for (const [ptr, d] of fixes) {
    const texts = [d.title, ...d.edits.flatMap((e) => Object.values(e))].filter((t): t is string => typeof t === 'string');
    for (const ref of texts.flatMap(templateRefs))
      if (!known(ref.split('.')[0]!)) fail(file, loaded, ptr, `the fix refers to an unknown fact "{${ref}}"`);
  }
  // A fact's part may be named too (`profile.dateOrderAt`): its first name must be a fact.
  (rule.at ?? []).forEach((a, i) => known(a.split('.')[0]!) || fail(file, loaded, `/at/${i}`, `unknown fact "${a}" in at`));
  (rule.instruments ?? []).forEach((a, i) => catalog.instrument(a) || fail(file, loaded, `/instruments/${i}`, `unknown instrument "${a}"`));
  if (!SCOPES.includes(rule.scope)) fail(file, loaded, '/scope', `unknown scope "${rule.scope}"`);
  rule.file = file;
  return rule;
}

/** Every rule of a folder (rules/*.yaml; the catalog/ folder beside them is data, not rules). */
export function readRules(dir: string, catalog: Catalog): Rule[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (err) {
    throw new RuleSetError(`${dir}: cannot read the rules folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const n of names) {
    const rule = readRuleFile(join(dir, n), catalog);
    const other = seen.get(rule.id);
    if (other) throw new RuleSetError(`${rulePlace(rule.file, '/id')}: rule id "${rule.id}" is also used by ${rulePlace(other, '/id')}`);
    seen.set(rule.id, rule.file);
    rules.push(rule);
  }
  return rules;
}
