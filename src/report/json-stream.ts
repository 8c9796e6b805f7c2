// JSON as `JSON.stringify(value, null, 2)` prints it, in pieces: one long array of the document (a
// report's files, a SARIF run's results) is printed one element at a time, so a report of 100,000
// files is never one string in memory. The rest of the document is printed by JSON.stringify itself.

/** Stands for the streamed array in the document; JSON.stringify escapes U+0000, so no value can print it. */
const HOLE = '\u0000adherence:stream\u0000';
const HOLE_JSON = JSON.stringify(HOLE);

/**
 * The text of `JSON.stringify(doc, null, 2) + '\n'` where `doc` holds `HOLE` in place of `items`, in
 * chunks. Elements must print as JSON values (objects, arrays, strings, numbers, booleans, null).
 */
export function* jsonChunks(doc: unknown, items: Iterable<unknown>): Generator<string> {
  const text = JSON.stringify(doc, null, 2);
  const at = text.indexOf(HOLE_JSON);
  if (at < 0 || text.indexOf(HOLE_JSON, at + 1) >= 0) throw new Error('jsonChunks: the document must hold the placeholder once');
  // The indentation of the line the array opens on: its elements sit one level (two spaces) deeper.
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))![0].length;
  const inner = `\n${' '.repeat(indent + 2)}`;
  yield text.slice(0, at);
  let first = true;
  for (const item of items) {
    const json = JSON.stringify(item, null, 2);
    if (json === undefined) throw new Error('jsonChunks: an element that JSON cannot print');
    yield `${first ? '[' : ','}${inner}${json.replaceAll('\n', inner)}`;
    first = false;
  }
  yield first ? '[]' : `\n${' '.repeat(indent)}]`;
  yield `${text.slice(at + HOLE_JSON.length)}\n`;
}

/** The placeholder a document holds where `jsonChunks` prints its array. */
export const STREAMED: unknown = HOLE;
