// Superscript footnote markers (¹ ² ³ ⁴ … ⁹⁰), one or two digits, as the published layout prints them.

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export const MARKER_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu;

export function toSuperscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUP[Number(d)]!);
}

export function fromSuperscript(s: string): number {
  return Number([...s].map((c) => SUP.indexOf(c)).join(''));
}

/** The markers in a piece of text, in order of appearance. */
export function markersIn(text: string): number[] {
  return [...text.matchAll(MARKER_RUN)].map((m) => fromSuperscript(m[0]));
}

/** Text without its markers and the spaces that only separated them. */
export function stripMarkers(text: string): string {
  return text.replace(/\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu, '').replace(/\s+/g, ' ').trim();
}
