// A rule's fix declaration filled in with the facts of one hit: templates become pointers and values,
// named operations become plain edits. A fix that names a value the facts do not have is no fix.
import { factValue, fill, templateRefs } from '../engine/template.js';
import type { Profile } from '../model/profile.js';
import { mergeFootnote } from './footnotes.js';
import { pointerSegments } from '../load/yaml.js';
import type { Edit, EditDeclaration, Fix, FixDeclaration } from './types.js';
import type { FindingHook } from '../engine/types.js';

const WHOLE = /^\{([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_]+)*)\}$/;

/** A template's value: a lone "{ref}" keeps the fact's type (a marker stays a number); text is filled in. */
function value(template: unknown, facts: Record<string, unknown>): unknown {
  if (typeof template !== 'string') return template;
  const whole = WHOLE.exec(template);
  if (whole) return factValue(facts, whole[1]!);
  const missing = templateRefs(template).some((r) => factValue(facts, r) === null || factValue(facts, r) === undefined);
  return missing ? undefined : fill(template, facts);
}

const known = (v: unknown) => v !== null && v !== undefined && v !== '';

function edits(d: EditDeclaration, facts: Record<string, unknown>, profile: Profile): Edit[] | undefined {
  // An edit that sets what is already there, or removes what is absent, changes nothing and is dropped.
  if ('set' in d) {
    const [pointer, to] = [value(d.set, facts), value(d.to, facts)];
    if (!known(pointer) || !known(to)) return undefined;
    return JSON.stringify(dataAt(profile, String(pointer))) === JSON.stringify(to)
      ? []
      : [{ op: 'set', pointer: String(pointer), value: to }];
  }
  if ('remove' in d) {
    const pointer = value(d.remove, facts);
    if (!known(pointer)) return undefined;
    return dataAt(profile, String(pointer)) === undefined ? [] : [{ op: 'remove', pointer: String(pointer) }];
  }
  // (A folded footnote's edits are changes by construction.)
  const [from, into] = [Number(value(d.mergeFootnote, facts)), Number(value(d.into, facts))];
  return Number.isInteger(from) && Number.isInteger(into) && from !== into ? mergeFootnote(profile, from, into) : undefined;
}

/** The fix a declaration makes for one hit, or undefined when the facts do not settle it. */
export function planFix(decl: FixDeclaration, facts: Record<string, unknown>, profile: Profile): Fix | undefined {
  const out: Edit[] = [];
  for (const d of decl.edits) {
    const e = edits(d, facts, profile);
    if (!e) return undefined;
    out.push(...e);
  }
  if (out.length === 0) return undefined;
  return { title: fill(decl.title, facts), edits: out };
}

/**
 * The fix stage's part of a finding: the rule's fix and suggestions, filled in with what its hit saw.
 * Given to the rule runner (`ruleRunner(set, opts, withFixes)`), which calls it on each finding.
 */
export const withFixes: FindingHook = (finding, { rule, facts }, profile) => {
  const fix = rule.fix ? planFix(rule.fix, facts, profile) : undefined;
  const suggestions = (rule.suggestions ?? []).map((d) => planFix(d, facts, profile)).filter((s): s is Fix => !!s);
  return { ...finding, ...(fix ? { fix } : {}), ...(suggestions.length ? { suggestions } : {}) };
};

/** The value at a JSON pointer of plain data (own keys only), or undefined. */
export function dataAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const s of pointerSegments(pointer)) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, s)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}
