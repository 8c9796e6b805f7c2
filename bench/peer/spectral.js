// The peer: Spectral (its core library and YAML parser, as its CLI runs them) checking the same five
// rules as the yardstick on every profile of a folder, one process, as `adherence check` is timed.
// Installed apart from the project (see package.json here): cd bench/peer && npm ci --ignore-scripts
// Usage: node bench/peer/spectral.js DIR → prints {"files", "findings"} (findings of the five rules).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import spectralCore from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import { RULES } from '../yardstick.js';

const { Spectral, Document, createRulesetFunction } = spectralCore;

// The rows the five rules look at, from the parsed document, as the yardstick gathers them.
const KNOWN = new Set(RULES.flatMap((r) => r.at));
function rowsOf(profile) {
  const rows = Object.create(null);
  (Array.isArray(profile?.entries) ? profile.entries : []).forEach((e, i) => {
    const id = e?.instrument;
    if (typeof id === 'string' && !(id in rows) && KNOWN.has(id) && typeof e.status === 'string') rows[id] = { status: e.status, i };
  });
  const asOf = profile?.asOf;
  const from = typeof asOf?.from === 'string' ? asOf.from : undefined;
  const to = typeof asOf?.to === 'string' ? asOf.to : undefined;
  const latest = typeof asOf === 'string' ? asOf : to !== undefined && !(from > to) ? to : [from, to].filter(Boolean).sort().at(-1);
  return { rows, latest };
}

const spectral = new Spectral();
spectral.setRuleset({
  rules: Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      {
        given: '$',
        severity: 'error',
        message: '{{error}}',
        // biome-ignore lint/suspicious/noThenProperty: the ruleset format names it so
        then: {
          function: createRulesetFunction({ input: null, options: null }, (profile) => {
            const { rows, latest } = rowsOf(profile);
            if (!rule.fires(rows, latest)) return [];
            const row = rows[rule.at.find((id) => rows[id] !== undefined)];
            return [{ message: rule.message(rows), path: ['entries', row.i, 'status'] }];
          }),
        },
      },
    ]),
  ),
});

let files = 0;
let findings = 0;
async function walk(dir) {
  for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, d.name);
    if (d.isDirectory()) await walk(p);
    else if (/\.(ya?ml|json)$/.test(d.name)) {
      files++;
      const parser = d.name.endsWith('.json') ? parsers.Json : parsers.Yaml;
      const results = await spectral.run(new Document(readFileSync(p, 'utf8'), parser, p));
      findings += results.filter((r) => RULES.some((x) => x.id === r.code)).length;
    }
  }
}
await walk(process.argv[2]);
process.stdout.write(`${JSON.stringify({ files, findings })}\n`);
