// YAML and JSON documents, with the line and column of every node kept for findings.
import { Composer, LineCounter, Parser, isMap, isSeq, isScalar, isPair, isCollection, type CST, type Node, type Document } from 'yaml';
import type { Profile } from '../model/profile.js';
import type { Loaded, LoadProblem, Position, SourceFormat } from './types.js';
import { DEFAULT_LOAD_LIMITS, LIMIT_FLAGS, FIXED_LIMITS, type LoadLimits } from './limits.js';
import { pointerSegments } from './pointer.js';
import { readFastYaml } from './fast-yaml.js';
import { readJson } from './json.js';

export type YamlLimits = Pick<LoadLimits, 'maxAliasCount' | 'maxDepth'>;

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxAliasCount: DEFAULT_LOAD_LIMITS.maxAliasCount, maxDepth: DEFAULT_LOAD_LIMITS.maxDepth };

export function parseYamlProfile(
  text: string,
  format: SourceFormat,
  limits: YamlLimits & Partial<LoadLimits> = DEFAULT_LOAD_LIMITS,
): Loaded {
  const loaded = (format === 'yaml' && fastProfile(text, limits)) || parseYamlDocument<Profile>(text, format, limits);
  const entries = (loaded.profile as { entries?: unknown } | undefined)?.entries;
  const maxRows = limits.maxRows ?? DEFAULT_LOAD_LIMITS.maxRows;
  if (Array.isArray(entries) && entries.length > maxRows) {
    // Refused whole, not cut short: a truncated profile would be checked (or imported) as if complete.
    const at = loaded.positions.get(`/entries/${maxRows}`) ?? { line: 1, column: 1 };
    loaded.problems.push({
      message: `the profile has ${entries.length} rows, over the limit of ${maxRows} (set ${LIMIT_FLAGS.maxRows} to read it)`,
      ...at,
    });
    loaded.profile = undefined;
  }
  const footnotes = (loaded.profile as { footnotes?: unknown } | undefined)?.footnotes;
  if (Array.isArray(footnotes) && footnotes.length > FIXED_LIMITS.maxFootnotes) {
    const at = loaded.positions.get(`/footnotes/${FIXED_LIMITS.maxFootnotes}`) ?? { line: 1, column: 1 };
    loaded.problems.push({
      message: `the profile has ${footnotes.length} footnotes, over the limit of ${FIXED_LIMITS.maxFootnotes}`,
      ...at,
    });
    loaded.profile = undefined;
  }
  if (Array.isArray(entries) && loaded.profile) {
    entries.forEach((e: unknown, i) => {
      const { notes, reports } = (e ?? {}) as { notes?: unknown; reports?: unknown };
      if (Array.isArray(notes) && notes.length > FIXED_LIMITS.maxNotes) {
        const at = loaded.positions.get(`/entries/${i}/notes/${FIXED_LIMITS.maxNotes}`) ?? { line: 1, column: 1 };
        loaded.problems.push({
          message: `this row has ${notes.length} footnote markers, over the limit of ${FIXED_LIMITS.maxNotes}`,
          ...at,
        });
      }
      if (Array.isArray(reports) && reports.length > FIXED_LIMITS.maxReports) {
        const at = loaded.positions.get(`/entries/${i}/reports/${FIXED_LIMITS.maxReports}`) ?? { line: 1, column: 1 };
        loaded.problems.push({ message: `this row lists ${reports.length} reports, over the limit of ${FIXED_LIMITS.maxReports}`, ...at });
      }
    });
    if (loaded.problems.length) loaded.profile = undefined;
  }
  return loaded;
}

/**
 * A profile the fast reader is certain of (most are: see fast-yaml.ts), else undefined. It reports no
 * problems; writing back with comments goes through the full path, on demand.
 */
function fastProfile(text: string, limits: YamlLimits): Loaded | undefined {
  const fast = readFastYaml(text, limits.maxDepth);
  if (!fast) return undefined;
  return {
    profile: fast.value as unknown as Profile,
    positions: { get: (p) => fast.locate(p) },
    problems: [],
    format: 'yaml',
    yaml: () => parseYamlDocument<Profile>(text, 'yaml', limits).yaml!(),
  };
}

/** JSON allows no comments; YAML would read `// note "key"` as part of a key and report nonsense. */
function jsonComment(src: string): number {
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if ((c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) || c === '#') return i;
  }
  return -1;
}

/** Where a document YAML accepted is still not JSON: a trailing comma, or what JSON.parse refuses. */
function notJson(src: string): { message: string; at: number } | undefined {
  let inString = false;
  let comma = -1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      comma = -1;
    } else if (c === ',') comma = i;
    else if ((c === '}' || c === ']') && comma >= 0)
      return { message: `JSON does not allow a comma before \`${c}\`: remove it, or write the profile as YAML`, at: comma };
    else if (!/\s/.test(c)) comma = -1;
  }
  try {
    JSON.parse(src);
    return undefined;
  } catch (err) {
    const m = /at position (\d+)/.exec((err as Error).message);
    return {
      message: `not valid JSON: ${(err as Error).message.split('\n')[0]!.replace(/ in JSON at position \d+.*$/, '')}`,
      at: m ? Number(m[1]) : 0,
    };
  }
}

interface Shape {
  /** The first collection nested deeper than the limit. */
  deep?: Node;
  /** Keys that repeat one in the same mapping (the later ones), in document order. */
  duplicates: Node[];
  /** The first mapping with more keys than FIXED_LIMITS.maxKeys. */
  wide?: Node;
}

/**
 * One walk of the tree, without recursion (it may be hostile): depth, repeated keys and mapping
 * width. Repeated keys are found with a set per mapping; the parser's own check (uniqueKeys)
 * compares each key with every earlier one, which took minutes on a mapping of 100k keys.
 */
function shapeOf(doc: Document, maxDepth: number): Shape {
  const shape: Shape = { duplicates: [] };
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > maxDepth) {
      shape.deep ??= node;
      continue;
    }
    if (isMap(node)) {
      if (node.items.length > FIXED_LIMITS.maxKeys) shape.wide ??= node;
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = pair.key;
        if (!isScalar(k)) continue;
        const id = `${typeof k.value}:${String(k.value)}`;
        if (seen.has(id)) shape.duplicates.push(k);
        else seen.add(id);
      }
    }
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  shape.duplicates.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return shape;
}

/**
 * The offset of the first collection nested deeper than `limit` in the syntax tree, counted as
 * `shapeOf` counts (the document's top collection is level 1, a key or value one level down), or
 * undefined. One walk with a stack of its own: the tree may be hostile.
 */
function tooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  const stack: [CST.Token | undefined, number][] = [];
  for (const t of tokens) if (t.type === 'document') stack.push([t.value, 1]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (token?.type !== 'block-map' && token?.type !== 'block-seq' && token?.type !== 'flow-collection') continue;
    if (depth > limit) return token.offset;
    for (const item of token.items) {
      if ('key' in item) stack.push([item.key ?? undefined, depth + 1]);
      stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/** Any YAML or JSON document (profiles, rules, configuration), with positions. */
export function parseYamlDocument<T>(text: string, format: SourceFormat, limits: YamlLimits = DEFAULT_YAML_LIMITS): Loaded<T> {
  const lineCounter = new LineCounter();
  // A lone CR ends a line (old Mac files) but the parser reads it as a space; LF in its place keeps
  // every offset, so lines and columns still match the file.
  const src = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r(?!\n)/g, '\n');
  const problems: LoadProblem[] = [];
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const none = (): Loaded<T> => ({ profile: undefined, positions: { get: () => undefined }, problems, format });
  if (format === 'json') {
    // Plain JSON, as most .json files are, needs none of what follows (json.ts).
    const fast = readJson<T>(src, format, limits.maxDepth);
    if (fast) return fast;
    const place = (c: number) => {
      const before = src.slice(0, c);
      return { line: before.split('\n').length, column: c - before.lastIndexOf('\n') };
    };
    const c = jsonComment(src);
    if (c >= 0) {
      problems.push({ message: 'JSON does not allow comments: remove it, or write the profile as YAML', ...place(c) });
      return none();
    }
    // YAML reads JSON leniently (a trailing comma, a bare key); a .json file must be JSON.
    const strict = notJson(src);
    if (strict) {
      problems.push({ message: strict.message, ...place(strict.at) });
      return none();
    }
  }
  const depthLimit = Math.min(limits.maxDepth, FIXED_LIMITS.maxDepth);
  const depthMessage =
    depthLimit < limits.maxDepth
      ? `the document nests deeper than ${depthLimit} levels, the most the reader allows`
      : `the document nests deeper than ${depthLimit} levels (set ${LIMIT_FLAGS.maxDepth} to read it)`;
  // The syntax tree is built without recursion; composing it recurses once per level, and a stack
  // that runs out inside V8's regular-expression compiler ends the process instead of throwing. So
  // the depth is measured on the syntax tree first, and a document too deep is never composed.
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(src));
  const deep = tooDeep(tokens, depthLimit);
  if (deep !== undefined) {
    problems.push({ message: depthMessage, ...at(deep) });
    return none();
  }
  let docs: Document.Parsed[];
  try {
    docs = Array.from(new Composer({ schema: 'core', uniqueKeys: false, strict: true }).compose(tokens));
  } catch (err) {
    // The composer catches its own stack overflows; anything else it throws is still this file's problem.
    problems.push({ message: `cannot parse the document: ${(err as Error).message.split('\n')[0]}`, line: 1, column: 1 });
    return none();
  }
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    problems.push({ message: 'the file is empty: expected a profile document', line: 1, column: 1 });
    return none();
  }
  if (list.length > 1) {
    const second = at(list[1]!.range?.[0] ?? 0);
    problems.push({ message: `the file holds ${list.length} YAML documents; a profile file holds one`, ...second });
  }
  const doc = list[0]!;
  for (const e of doc.errors) {
    // RESOURCE_EXHAUSTION is the parser's stack running out on deep nesting: say so in our words, once.
    if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) {
      if (!problems.some((p) => p.message === depthMessage)) problems.push({ message: depthMessage, ...at(e.pos[0]) });
      continue;
    }
    const firstLine = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ message: firstLine, ...at(e.pos[0]) });
  }
  const shape = shapeOf(doc, depthLimit);
  for (const k of shape.duplicates) problems.push({ message: duplicateKey(src, k.range?.[0] ?? 0), ...at(k.range?.[0] ?? 0) });
  if (problems.length === 0 && shape.deep) problems.push({ message: depthMessage, ...at(shape.deep.range?.[0] ?? 0) });
  if (problems.length === 0 && shape.wide) {
    problems.push({
      message: `a mapping has ${(shape.wide as { items: unknown[] }).items.length} keys, over the limit of ${FIXED_LIMITS.maxKeys}`,
      ...at(shape.wide.range?.[0] ?? 0),
    });
  }
  let profile: T | undefined;
  if (doc.errors.length === 0 && problems.length === 0) {
    try {
      profile = doc.toJS({ maxAliasCount: limits.maxAliasCount }) as T;
    } catch (err) {
      const msg = (err as Error).message.split('\n')[0]!;
      problems.push({
        message: /alias count/i.test(msg)
          ? `the document resolves more than ${limits.maxAliasCount} aliases (set ${LIMIT_FLAGS.maxAliasCount} to read it)`
          : msg,
        line: 1,
        column: 1,
      });
    }
  }
  if (profile === undefined && problems.length === 0) problems.push({ message: 'the document is empty', line: 1, column: 1 });
  return {
    profile,
    positions: { get: (p) => locate(doc, p, at) },
    problems,
    format,
    ...(format === 'yaml' ? { yaml: () => doc.toString({ lineWidth: 0, flowCollectionPadding: false }) } : {}),
  };
}

/** "Map keys must be unique" says which rule, not which key: name the key. */
function duplicateKey(src: string, offset: number): string {
  const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*?)\s*:/.exec(src.slice(offset, offset + 200))?.[1]?.trim();
  const shown = key && (key.startsWith('"') || key.startsWith("'") ? key : `\`${key}\``);
  return `${shown ? `the key ${shown}` : 'a key'} appears twice in one mapping (keys must be unique)`;
}

export { pointerSegments } from './pointer.js';

/** The position of the node a JSON pointer names, or of the nearest enclosing node that exists. */
function locate(doc: Document, pointer: string, at: (o: number) => Position): Position | undefined {
  let node: unknown = doc.contents;
  let pos = node && (node as Node).range ? at((node as Node).range![0]) : undefined;
  const segs = pointerSegments(pointer);
  for (const seg of segs) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      const target = (pair.value ?? pair.key) as Node | null;
      if (target?.range) pos = at(target.range[0]);
      else if ((pair.key as Node)?.range) pos = at((pair.key as Node).range![0]);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      if (item.range) pos = at(item.range[0]);
      node = item;
    } else break;
  }
  return pos;
}
