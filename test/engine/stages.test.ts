// Data flows one way: the engine and the stages before it import none of the stages after it (the
// fix stage consumes findings; the engine takes its hook as an argument).
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';

const EARLY = ['model', 'catalog', 'load', 'schema', 'facts', 'engine'];
const LATE = ['fix', 'checker', 'report', 'review', 'cli', 'testing'];

describe('stage order', () => {
  it('no module of load, schema, facts or the engine imports a later stage', () => {
    const wrong: string[] = [];
    for (const stage of EARLY) {
      for (const name of readdirSync(join(root, 'src', stage)).filter((n) => n.endsWith('.ts'))) {
        const text = readFileSync(join(root, 'src', stage, name), 'utf8');
        for (const m of text.matchAll(/from '\.\.\/([a-z-]+)\//g)) if (LATE.includes(m[1]!)) wrong.push(`${stage}/${name} → ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
