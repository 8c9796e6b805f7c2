// JSON pointers (RFC 6901), as findings and fixes name the nodes of a document.

/** A JSON pointer's segments, unescaped (`~1` is `/`, `~0` is `~`). */
export const pointerSegments = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
