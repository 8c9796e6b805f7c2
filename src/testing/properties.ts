// The properties the rule set keeps, runnable from the test suite, from `adherence fuzz` and from a
// user's own tests. Each names its counterexample as a file a person can open (profile YAML, or the bytes).
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { checkLoaded } from '../checker/pipeline.js';
import { loadBytes, parsePublishedText, renderPublishedText } from '../load/index.js';
import { toYaml } from '../load/serialize.js';
import type { Finding } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import { checkerFor, serious, describeFindings, type ProfileChecker } from './checker.js';
import { worldArb } from './world.js';
import { violating, GENERATABLE_RULES, type ExpectedFinding, type Violation } from './violations.js';
import { publishedProfile, hostileInput, type HostileInput } from './arbitraries.js';

export interface PropertyOptions {
  checker?: ProfileChecker;
  /** Only this rule (the `violating` property). */
  rule?: string;
}

export interface PropertyDef<T> {
  name: string;
  summary: string;
  property(o: PropertyOptions): fc.IAsyncPropertyWithHooks<[T]>;
  /** The counterexample as a file: a profile as YAML, or raw bytes. */
  save(value: T): { ext: string; content: string | Uint8Array };
}

// The schema line is added where the file is written, relative to its folder (a URL would not resolve).
const profileFile = (p: Profile) => ({ ext: 'yaml', content: toYaml(p) });

/** Does a finding stand where the expectation says (the row, or below it; or among its related rows)? */
export function matches(f: Finding, want: ExpectedFinding): boolean {
  if (f.ruleId !== want.ruleId) return false;
  const under = (p: string | undefined) =>
    p !== undefined && want.pointer !== undefined && (p === want.pointer || p.startsWith(`${want.pointer}/`));
  const placed = want.pointer === undefined || under(f.pointer) || !!f.related?.some((r) => under(r.pointer));
  return placed && [...f.instruments].sort().join() === [...want.instruments].sort().join();
}

/** Findings as comparable keys: rule, fingerprint and pointer, rows renumbered by `rowMap`. */
export function findingKeys(fs: Finding[], rowMap?: number[]): string[] {
  const fix = (s: string) =>
    rowMap ? s.replace(/(\/entries\/|row-)(\d+)/g, (_, p: string, n: string) => `${p}${rowMap[Number(n)] ?? n}`) : s;
  return fs.map((f) => `${f.severity} ${f.ruleId} ${fix(f.fingerprint)} ${fix(f.pointer)}`).sort();
}

export const sameFindings = (a: Finding[], b: Finding[], rowMap?: number[]) => isDeepStrictEqual(findingKeys(a), findingKeys(b, rowMap));

/** A permutation of 0…n-1 from a seed (Fisher–Yates over a small LCG). */
function permutation(n: number, seed: number): number[] {
  const p = [...Array(n).keys()];
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** The same data with every object's keys in another order. */
function shuffleKeys(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x, k) => shuffleKeys(x, seed + k));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  return Object.fromEntries(
    permutation(keys.length, seed).map((k) => [keys[k]!, shuffleKeys((v as Record<string, unknown>)[keys[k]!], seed * 31 + k)]),
  );
}

const rulesOf = (o: PropertyOptions) => (o.checker ?? checkerFor()).set.rules.map((r) => r.id);

const consistent: PropertyDef<Profile> = {
  name: 'consistent',
  summary: 'consistent profiles draw no error or warning',
  property: (o) => {
    const c = o.checker ?? checkerFor();
    return fc.asyncProperty(
      worldArb({ catalog: c.catalog }).map((w) => w.profile),
      async (p) => {
        const bad = serious(await c.findings(p));
        if (bad.length) throw new Error(`a consistent profile drew:\n${describeFindings(bad)}`);
      },
    );
  },
  save: profileFile,
};

const violates: PropertyDef<Violation> = {
  name: 'violating',
  summary: 'each violating(ruleId) profile draws that rule at the right row and instruments, and no other error or warning',
  property: (o) => {
    const c = o.checker ?? checkerFor();
    const ids = o.rule ? [o.rule] : GENERATABLE_RULES.filter((id) => rulesOf(o).includes(id));
    if (!ids.length)
      throw new Error(`no generatable rule among ${o.rule ?? 'the rule set'} (generatable: ${GENERATABLE_RULES.join(', ')})`);
    const arb = fc.oneof(...ids.map((id) => violating(id, { catalog: c.catalog })));
    return fc.asyncProperty(arb, async (v) => {
      const fs = await c.findings(v.profile);
      const want = v.finding;
      if (!fs.some((f) => matches(f, want))) {
        throw new Error(
          `expected ${want.ruleId} at ${want.pointer} [${want.instruments.join(',')}], got:\n${describeFindings(fs) || '(no finding)'}`,
        );
      }
      const others = serious(fs).filter((f) => f.ruleId !== want.ruleId);
      if (others.length) throw new Error(`breaking ${want.ruleId} also drew:\n${describeFindings(others)}`);
    });
  },
  save: (v) => profileFile(v.profile),
};

const order: PropertyDef<{ profile: Profile; seed: number }> = {
  name: 'order',
  summary: 'same input, same findings; reordering rows or keys does not change them',
  property: (o) => {
    const c = o.checker ?? checkerFor();
    // A duplicated row is order-dependent by nature (the later one is the duplicate): left out.
    const ids = GENERATABLE_RULES.filter((id) => id !== 'duplicate-instrument' && rulesOf(o).includes(id));
    const profiles = fc.oneof(
      worldArb({ catalog: c.catalog }).map((w) => w.profile),
      fc
        .constantFrom(...ids)
        .chain((id) => violating(id, { catalog: c.catalog }))
        .map((v) => v.profile),
    );
    return fc.asyncProperty(fc.record({ profile: profiles, seed: fc.nat() }), async ({ profile, seed }) => {
      const first = await c.findingsOfText(JSON.stringify(profile), 'generated.json');
      const again = await c.findingsOfText(JSON.stringify(profile), 'generated.json');
      if (!sameFindings(first, again)) throw new Error('two checks of one profile differ');
      const perm = permutation(profile.entries.length, seed);
      const moved = { ...profile, entries: perm.map((k) => profile.entries[k]!) } as Profile;
      const shuffled = await c.findingsOfText(JSON.stringify(shuffleKeys(moved, seed)), 'generated.json');
      if (!sameFindings(first, shuffled, perm)) {
        throw new Error(
          `reordering changed the findings:\nbefore:\n${findingKeys(first).join('\n')}\nafter:\n${findingKeys(shuffled, perm).join('\n')}`,
        );
      }
    });
  },
  save: (v) => profileFile(v.profile),
};

const roundtrip: PropertyDef<Profile> = {
  name: 'roundtrip',
  summary: 'render∘import is the identity on canonical published text; import∘render on imported layouts',
  property: (o) => {
    const c = o.checker ?? checkerFor();
    return fc.asyncProperty(publishedProfile({ catalog: c.catalog }), async (p) => {
      const text = renderPublishedText(p, c.catalog);
      const read = parsePublishedText(text, c.catalog);
      if (read.problems.length) throw new Error(`generated text does not read: ${read.problems[0]!.message}`);
      const again = renderPublishedText(read.profile!, c.catalog);
      if (again !== text) throw new Error(`render(import(text)) differs from the text:\n${JSON.stringify(text)}\n${JSON.stringify(again)}`);
      const reread = parsePublishedText(again, c.catalog).profile;
      if (!isDeepStrictEqual(reread, read.profile)) throw new Error('import(render(profile)) differs from the imported profile');
      const rows = (q: Profile) =>
        q.entries.map((e) => `${e.instrument} ${e.status} ${JSON.stringify(e.reports ?? [])} ${(e.notes ?? []).join()}`);
      if (!isDeepStrictEqual(rows(read.profile!), rows(p)))
        throw new Error(`the text lost data:\n${rows(p).join('\n')}\nread back as\n${rows(read.profile!).join('\n')}`);
    });
  },
  save: profileFile,
};

const noThrow: PropertyDef<HostileInput> = {
  name: 'no-throw',
  summary: 'check never throws: arbitrary strings, bytes, JSON values, truncated and spliced documents',
  property: (o) => {
    const c = o.checker ?? checkerFor();
    return fc.asyncProperty(hostileInput({ catalog: c.catalog }), async (h) => {
      const report = await checkLoaded(loadBytes(h.bytes, h.path, c.catalog), h.path, { rules: c.rules });
      for (const f of report.findings) {
        if (!(f.line >= 1 && f.column >= 1 && typeof f.message === 'string' && f.message))
          throw new Error(`a finding without a place or message: ${JSON.stringify(f)}`);
      }
    });
  },
  save: (h) => ({ ext: h.path.includes('.') ? h.path.split('.').pop()! : 'bin', content: h.bytes }),
};

export const PROPERTIES = { consistent, violating: violates, order, roundtrip, 'no-throw': noThrow } as const;
export type PropertyName = keyof typeof PROPERTIES;

export function propertyOf(name: string): PropertyDef<unknown> {
  const p = (PROPERTIES as Record<string, PropertyDef<unknown>>)[name];
  if (!p) throw new Error(`unknown property "${name}" (properties: ${Object.keys(PROPERTIES).join(', ')})`);
  return p;
}
