import type { Profile } from '../model/profile.js';

/** 1-based line and column of a node in the file it came from. */
export interface Position {
  line: number;
  column: number;
}

/** A document that could not be read as written (becomes a `parse` finding). */
export interface LoadProblem {
  message: string;
  line: number;
  column: number;
  pointer?: string;
}

export type SourceFormat = 'yaml' | 'json' | 'text';

export interface Loaded<T = Profile> {
  /** The document as data; `undefined` when it could not be read at all. */
  profile: T | undefined;
  /** Where each JSON pointer of the document stands in its file (looked up lazily for YAML/JSON). */
  positions: { get(pointer: string): Position | undefined };
  problems: LoadProblem[];
  format: SourceFormat;
  /** A YAML document written back with its comments (the `$schema` line among them), for render. */
  yaml?: () => string;
}
