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
  const out: number[] = [];
  for (const m of text.matchAll(MARKER_RUN)) out.push(fromSuperscript(m[0]));
  return out;
}

const isMarker = (c: string) => SUP.includes(c);
const WS = /\s/;

/**
 * Text without its markers and the spaces before them, with runs of whitespace as one space. One
 * pass: the pattern `\s*[markers]+` restarted its whitespace scan at every space of a long run, so a
 * 40 KB cell of spaces took seconds and a 1 MiB one did not finish.
 */
export function stripMarkers(text: string): string {
  const out: string[] = [];
  let kept = 0; // out[0..kept) is up to the last non-whitespace character written
  for (const c of text) {
    if (isMarker(c)) {
      out.length = kept; // drop the whitespace that only led up to the marker
    } else if (WS.test(c)) {
      if (out.length === kept && kept > 0) out.push(' ');
    } else {
      out.push(c);
      kept = out.length;
    }
  }
  out.length = kept;
  return out.join('');
}
