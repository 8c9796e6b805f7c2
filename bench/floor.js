// The floor: one plain node process that reads every profile in a folder and parses it with yaml's
// parseDocument (a `.json` profile with JSON.parse), nothing else. `check` cannot do less than this;
// the benchmark quotes check / floor.
// Usage: node bench/floor.js DIR  → prints the number of files and documents with parse errors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

let files = 0;
let errors = 0;
const walk = (dir) => {
  for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, d.name);
    if (d.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(d.name)) {
      files++;
      if (parseDocument(readFileSync(p, 'utf8')).errors.length) errors++;
    } else if (d.name.endsWith('.json')) {
      files++;
      try {
        JSON.parse(readFileSync(p, 'utf8'));
      } catch {
        errors++;
      }
    }
  }
};
walk(process.argv[2]);
process.stdout.write(`${JSON.stringify({ files, errors })}\n`);
