// YAML and JSON documents, with the line and column of every node kept for findings.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, isCollection, type Node, type Document } from 'yaml';
import type { Profile } from '../model/profile.js';
import type { Loaded, LoadProblem, Position, SourceFormat } from './types.js';
import { DEFAULT_LOAD_LIMITS, LIMIT_FLAGS, type LoadLimits } from './limits.js';

export type YamlLimits = Pick<LoadLimits, 'maxAliasCount' | 'maxDepth'>;

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxAliasCount: DEFAULT_LOAD_LIMITS.maxAliasCount, maxDepth: DEFAULT_LOAD_LIMITS.maxDepth };

export function parseYamlProfile(text: string, format: SourceFormat, limits: YamlLimits & Partial<LoadLimits> = DEFAULT_LOAD_LIMITS): Loaded {
  const loaded = parseYamlDocument<Profile>(text, format, limits);
  const entries = (loaded.profile as { entries?: unknown } | undefined)?.entries;
  const maxRows = limits.maxRows ?? DEFAULT_LOAD_LIMITS.maxRows;
  if (Array.isArray(entries) && entries.length > maxRows) {
    // Refused whole, not cut short: a truncated profile would be checked (or imported) as if complete.
    const at = loaded.positions.get(`/entries/${maxRows}`) ?? { line: 1, column: 1 };
    loaded.problems.push({ message: `the profile has ${entries.length} rows, over the limit of ${maxRows} (set ${LIMIT_FLAGS.maxRows} to read it)`, ...at });
    loaded.profile = undefined;
  }
  return loaded;
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
    else if ((c === '}' || c === ']') && comma >= 0) return { message: `JSON does not allow a comma before \`${c}\`: remove it, or write the profile as YAML`, at: comma };
    else if (!/\s/.test(c)) comma = -1;
  }
  try {
    JSON.parse(src);
    return undefined;
  } catch (err) {
    const m = /at position (\d+)/.exec((err as Error).message);
    return { message: `not valid JSON: ${(err as Error).message.split('\n')[0]!.replace(/ in JSON at position \d+.*$/, '')}`, at: m ? Number(m[1]) : 0 };
  }
}

/** The first collection nested deeper than `max`, walked without recursion (the tree may be hostile). */
function tooDeep(doc: Document, max: number): Node | undefined {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > max) return node;
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
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
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(src, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (err) {
    // The parser catches its own stack overflows; anything else it throws is still this file's problem.
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
  const depthMessage = `the document nests deeper than ${limits.maxDepth} levels (set ${LIMIT_FLAGS.maxDepth} to read it)`;
  for (const e of [...doc.errors, ...doc.warnings.filter((w) => w.code === 'DUPLICATE_KEY')]) {
    // RESOURCE_EXHAUSTION is the parser's stack running out on deep nesting: say so in our words, once.
    if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) {
      if (!problems.some((p) => p.message === depthMessage)) problems.push({ message: depthMessage, ...at(e.pos[0]) });
      continue;
    }
    const firstLine = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ message: e.code === 'DUPLICATE_KEY' ? duplicateKey(src, e.pos[0]) : firstLine, ...at(e.pos[0]) });
  }
  if (problems.length === 0) {
    const deep = tooDeep(doc, limits.maxDepth);
    if (deep) problems.push({ message: depthMessage, ...at(deep.range?.[0] ?? 0) });
  }
  let profile: T | undefined;
  if (doc.errors.length === 0 && problems.length === 0) {
    try {
      profile = doc.toJS({ maxAliasCount: limits.maxAliasCount }) as T;
    } catch (err) {
      const msg = (err as Error).message.split('\n')[0]!;
      problems.push({
        message: /alias count/i.test(msg) ? `the document resolves more than ${limits.maxAliasCount} aliases (set ${LIMIT_FLAGS.maxAliasCount} to read it)` : msg,
        line: 1,
        column: 1,
      });
    }
  }
  if (profile === undefined && problems.length === 0) problems.push({ message: 'the document is empty', line: 1, column: 1 });
  return { profile, positions: { get: (p) => locate(doc, p, at) }, problems, format, ...(format === 'yaml' ? { yaml: () => doc.toString({ lineWidth: 0, flowCollectionPadding: false }) } : {}) };
}

/** "Map keys must be unique" says which rule, not which key: name the key. */
function duplicateKey(src: string, offset: number): string {
  const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*?)\s*:/.exec(src.slice(offset, offset + 200))?.[1]?.trim();
  const shown = key && (key.startsWith('"') || key.startsWith("'") ? key : `\`${key}\``);
  return `${shown ? `the key ${shown}` : 'a key'} appears twice in one mapping (keys must be unique)`;
}

/** The position of the node a JSON pointer names, or of the nearest enclosing node that exists. */
function locate(doc: Document, pointer: string, at: (o: number) => Position): Position | undefined {
  let node: unknown = doc.contents;
  let pos = node && (node as Node).range ? at((node as Node).range![0]) : undefined;
  const segs = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
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
