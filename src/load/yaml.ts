// YAML and JSON documents, with the line and column of every node kept for findings.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, type Node, type Document } from 'yaml';
import type { Profile } from '../model/profile.js';
import type { Loaded, LoadProblem, Position, SourceFormat } from './types.js';

export interface YamlLimits {
  /** Alias nodes a document may resolve (stops "billion laughs" documents). */
  maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxAliasCount: 100 };

export function parseYamlProfile(text: string, format: SourceFormat, limits: YamlLimits = DEFAULT_YAML_LIMITS): Loaded {
  return parseYamlDocument<Profile>(text, format, limits);
}

/** Any YAML or JSON document (profiles, rules, configuration), with positions. */
export function parseYamlDocument<T>(text: string, format: SourceFormat, limits: YamlLimits = DEFAULT_YAML_LIMITS): Loaded<T> {
  const lineCounter = new LineCounter();
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const docs = parseAllDocuments(src, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true });
  const problems: LoadProblem[] = [];
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    problems.push({ message: 'the file is empty: expected a profile document', line: 1, column: 1 });
    return { profile: undefined, positions: { get: () => undefined }, problems, format };
  }
  if (list.length > 1) {
    const second = at(list[1]!.range[0]);
    problems.push({ message: `the file holds ${list.length} YAML documents; a profile file holds one`, ...second });
  }
  const doc = list[0]!;
  for (const e of [...doc.errors, ...doc.warnings.filter((w) => w.code === 'DUPLICATE_KEY')]) {
    const firstLine = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ message: firstLine, ...at(e.pos[0]) });
  }
  let profile: T | undefined;
  if (doc.errors.length === 0 && problems.length === 0) {
    try {
      profile = doc.toJS({ maxAliasCount: limits.maxAliasCount }) as T;
    } catch (err) {
      problems.push({ message: (err as Error).message.split('\n')[0]!, line: 1, column: 1 });
    }
  }
  if (profile === undefined && problems.length === 0) problems.push({ message: 'the document is empty', line: 1, column: 1 });
  return { profile, positions: { get: (p) => locate(doc, p, at) }, problems, format };
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
