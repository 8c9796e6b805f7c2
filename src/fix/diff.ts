// A change of a file's text, shown as a unified diff (stylish, markdown, JSON) and as replaced
// ranges of the original (SARIF `artifactChanges`).
import { createTwoFilesPatch, diffLines } from 'diff';
import type { TextChange } from './types.js';

export function textChange(file: string, before: string, after: string): TextChange {
  // Only the hunks and their file header: the 'Index:' and '===' lines say nothing here.
  const diff = createTwoFilesPatch(file, file, before, after, '', '', { context: 1 }).replace(/^[\s\S]*?(?=^--- )/m, '');
  const replacements: TextChange['replacements'] = [];
  let offset = 0;
  let line = 1;
  let open: TextChange['replacements'][number] | undefined;
  for (const part of diffLines(before, after)) {
    const lines = part.count ?? part.value.split('\n').length - 1;
    if (!part.added && !part.removed) {
      open = undefined;
      offset += part.value.length;
      line += lines;
      continue;
    }
    // Consecutive removals and additions are one replacement of the original's lines.
    open ??= replacements[replacements.push({ startLine: line, endLine: line - 1, charOffset: offset, charLength: 0, text: '' }) - 1]!;
    if (part.removed) {
      open.endLine += lines;
      open.charLength += part.value.length;
      offset += part.value.length;
      line += lines;
    } else open.text += part.value;
  }
  return { diff, replacements };
}
