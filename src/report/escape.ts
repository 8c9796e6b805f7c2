// Text from the input (state names, row names, footnotes, file names) reaches terminals, CI logs and
// pull-request comments. There it must stay text: no terminal escape sequence, no line that a CI
// runner reads as a command, no reordering by bidi overrides, and in Markdown no link, image, HTML
// or @mention that the profile's author slipped in.

/** C0 controls, DEL, C1 controls, the line and paragraph separators and the bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');

/** `c` as it is shown: `\n`, `\x1B`, `\u202E`. */
const shown = (c: string) => (Object.hasOwn(NAMED, c) ? NAMED[c]! : c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

/** Control characters shown escaped (`\x1B[2J` prints as those six characters); `keep` are left alone. */
export function showControls(s: string, keep = ''): string {
  return s.replace(CONTROL_CHARS, (c) => (keep.includes(c) ? c : shown(c)));
}

const ZWSP = '&#8203;';
/** What GitHub turns into a mention, a reference or a link: broken in one pass (the breaks hold `#`). */
const ACTIVE = /@|#(?=\d)|:\/\/|\bwww\./gi;
const breakActive = (m: string) => (m === '://' ? `:${ZWSP}//` : m.length === 4 ? `${m.slice(0, 3)}${ZWSP}.` : `${m}${ZWSP}`);

/**
 * Markdown text with nothing active left: HTML and entities escaped, link and image brackets,
 * backticks and backslashes escaped, bare URLs, `www.` and @mentions (also e-mail addresses and
 * `#123` references) broken by a zero-width space, line breaks as spaces, table pipes escaped.
 */
export function markdownText(s: string): string {
  return showControls(s.replace(/\r\n|\r|\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`[\]|]/g, '\\$&')
    .replace(ACTIVE, breakActive);
}

/** The same for text where `&`, `<` and the brackets are already escaped by the caller. */
export function neutraliseLinks(s: string): string {
  return showControls(s).replace(ACTIVE, breakActive);
}
