// Applying edits to a document's text in its own format, so that what was not edited stays as it was:
// YAML through the `yaml` Document API (comments, key order, quoting survive), JSON with its own
// indentation, the published layout re-rendered from the edited data.
import { parseDocument, isSeq } from 'yaml';
import { diffArrays } from 'diff';
import type { Catalog } from '../catalog/index.js';
import { parsePublishedText, renderPublishedText } from '../load/text.js';
import type { SourceFormat } from '../load/types.js';
import type { Profile } from '../model/profile.js';
import { pointerSegments } from '../load/yaml.js';
import type { Edit } from './types.js';

const isIndex = (s: string) => /^(0|[1-9]\d*)$/.test(s);

/** Sets first (they name nodes as they are), then removals, the highest index of a list first. */
export function ordered(edits: Edit[]): Edit[] {
  const sets = edits.filter((e) => e.op === 'set');
  const removes = edits.filter((e) => e.op === 'remove');
  const key = (p: string) => {
    const segs = pointerSegments(p);
    const last = segs.at(-1) ?? '';
    return { parent: segs.slice(0, -1).join('/'), index: isIndex(last) ? Number(last) : -1 };
  };
  removes.sort((a, b) => {
    const [x, y] = [key(a.pointer), key(b.pointer)];
    return x.parent < y.parent ? -1 : x.parent > y.parent ? 1 : y.index - x.index;
  });
  return [...sets, ...removes];
}

/** The part of the document an edit touches: removing a list item shifts the items after it, so the whole list. */
export function touched(e: Edit): string[] {
  const segs = pointerSegments(e.pointer);
  return e.op === 'remove' && isIndex(segs.at(-1) ?? '') ? segs.slice(0, -1) : segs;
}

/** Whether two touched parts overlap: one contains the other. */
export function overlaps(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

const own = (o: object, k: string) => Object.hasOwn(o, k);
/** Keys that would reach an object's prototype: an edit naming one is not applied. */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** Applies edits to plain data (JSON, or a profile read from the published layout), in place. */
export function applyToData(data: unknown, edits: Edit[]): void {
  for (const e of ordered(edits)) {
    const segs = pointerSegments(e.pointer);
    const last = segs.pop();
    if (last === undefined || UNSAFE.has(last) || segs.some((s) => UNSAFE.has(s))) continue;
    let parent = data as Record<string, unknown> | unknown[] | undefined;
    for (const s of segs) {
      const p = parent as Record<string, unknown>;
      const next = own(p, s) ? p[s] : undefined;
      if (next === null || typeof next !== 'object') {
        if (e.op === 'remove') {
          parent = undefined;
          break;
        }
        p[s] = {};
      }
      parent = p[s] as Record<string, unknown>;
    }
    if (parent === undefined) continue;
    if (e.op === 'set') (parent as Record<string, unknown>)[last] = structuredClone(e.value);
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (own(parent, last)) delete (parent as Record<string, unknown>)[last];
  }
}

/** The keys of a pointer as the yaml Document API takes them: list positions as numbers. */
function yamlPath(doc: ReturnType<typeof parseDocument>, pointer: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const s of pointerSegments(pointer)) {
    const node = doc.getIn(path, true);
    path.push(isSeq(node) && isIndex(s) ? Number(s) : s);
  }
  return path;
}

const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false } as const;

function yamlEdited(text: string, edits: Edit[]): { before: string; after: string } {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true });
  const before = doc.toString(YAML_OUT);
  for (const e of ordered(edits)) {
    if (pointerSegments(e.pointer).some((k) => UNSAFE.has(k))) continue;
    const path = yamlPath(doc, e.pointer);
    // An existing scalar keeps its quoting and comment; a new key goes at the end of its mapping.
    if (e.op === 'set') doc.setIn(path, e.value);
    else if (doc.hasIn(path)) doc.deleteIn(path);
  }
  return { before, after: doc.toString(YAML_OUT) };
}

/** The indentation of a JSON file, from its first indented line (two spaces when there is none). */
function jsonIndent(text: string): string | number {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : 2;
}

function jsonEdited(src: string, edits: Edit[]): { before: string; after: string } {
  const data = JSON.parse(src) as unknown;
  const indent = jsonIndent(src);
  const end = /\n$/.test(src) ? '\n' : '';
  const show = (d: unknown) => JSON.stringify(d, null, indent) + end;
  const before = show(data);
  applyToData(data, edits);
  return { before, after: show(data) };
}

function textEdited(text: string, edits: Edit[], catalog: Catalog): { before: string; after: string } {
  const profile = parsePublishedText(text, catalog).profile as Profile;
  const before = renderPublishedText(profile, catalog);
  applyToData(profile, edits);
  return { before, after: renderPublishedText(profile, catalog) };
}

/**
 * The document's text with the edits applied. Each format is written back by its own writer; where
 * that writer would not give the file back byte for byte (a layout it does not keep), only the lines
 * the edits changed are carried over onto the original text.
 */
export function applyToText(text: string, format: SourceFormat, edits: Edit[], catalog: Catalog): string {
  if (edits.length === 0) return text;
  if (format === 'text') return carryOver(text, textEdited(text, edits, catalog));
  // YAML and JSON are edited as LF text without a byte-order mark; both come back as they were.
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = /\r\n/.test(text);
  const lf = (bom ? text.slice(1) : text).replace(/\r\n/g, '\n');
  const out = carryOver(lf, format === 'yaml' ? yamlEdited(lf, edits) : jsonEdited(lf, edits));
  return out === lf ? text : bom + (crlf ? out.replace(/\n/g, '\r\n') : out);
}

/**
 * The edited document in the original's own layout. `before` and `after` are the writer's output for
 * the document without and with the edits; where the writer does not give the original back byte for
 * byte (spacing before a comment, a flow mapping's padding), each changed stretch of `before` is found
 * in the original through the lines both share, and only that stretch is replaced.
 */
function carryOver(text: string, { before, after }: { before: string; after: string }): string {
  if (before === after) return text;
  if (before === text) return after;
  const [t, b, a] = [text.split('\n'), before.split('\n'), after.split('\n')];
  // Where each line of `before` stands in the original (-1: written differently there).
  const at: number[] = [];
  let [ti, bi] = [0, 0];
  for (const part of diffArrays(t, b)) {
    const n = part.count ?? part.value.length;
    if (part.removed) ti += n;
    else if (part.added) for (let k = 0; k < n; k++) at[bi++] = -1;
    else for (let k = 0; k < n; k++) at[bi++] = ti++;
  }
  // The stretches of `before` the edits changed, with what replaces each.
  const changes: { from: number; to: number; lines: string[] }[] = [];
  bi = 0;
  for (const part of diffArrays(b, a)) {
    const n = part.count ?? part.value.length;
    const last = changes.at(-1);
    const open = last && last.to === bi && (part.added || part.removed) ? last : undefined;
    if (part.removed) open ? (open.to += n) : changes.push({ from: bi, to: bi + n, lines: [] });
    else if (part.added) open ? open.lines.push(...part.value) : changes.push({ from: bi, to: bi, lines: [...part.value] });
    if (!part.added) bi += n;
  }
  const out = [...t];
  for (const c of changes.reverse()) {
    // Widen to the nearest lines found in the original on either side; lines between are taken as written.
    let s = c.from;
    while (s > 0 && at[s - 1]! < 0) s--;
    let e = c.to;
    while (e < b.length && at[e]! < 0) e++;
    const start = s > 0 ? at[s - 1]! + 1 : 0;
    const end = e < b.length ? at[e]! : t.length;
    out.splice(start, end - start, ...b.slice(s, c.from), ...c.lines, ...b.slice(c.to, e));
  }
  return out.join('\n');
}
