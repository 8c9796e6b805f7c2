// The in-process path against the hand-written yardstick, on the same files, in one process.
// Both get the same texts (read untimed, 1,000 files at a time so that 100k never sit in memory);
// `check`'s path is the library's loadText → checkLoaded with the five rules the yardstick knows.
// Rounds alternate which side goes first in each chunk, so a drift in the machine hits both.
// Usage: node bench/inprocess.js DIR [--rounds N] → one JSON line on stdout, progress on stderr.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalog, loadText, loadRuleSet, ruleRunner, checkLoaded } from '../dist/index.js';
import { yardstick, RULE_IDS } from './yardstick.js';

const CHUNK = 1000;
const dir = process.argv[2];
const i = process.argv.indexOf('--rounds');
const rounds = i < 0 ? 1 : Number(process.argv[i + 1]);

const list = (d) =>
  readdirSync(d, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? list(join(d, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(d, e.name)] : []));
const files = list(dir);

const catalog = loadCatalog();
const rules = ruleRunner(loadRuleSet({ only: RULE_IDS }, catalog));
const ours = async (text, file) => (await checkLoaded(loadText(text, file, catalog), file, { rules })).findings;
// What both must agree on: rule, place and wording of every finding.
const key = (fs) => fs.map((f) => `${f.ruleId}|${f.pointer}|${f.line}|${f.message}`).join('\n');

const path = [];
const yard = [];
let disagree = 0;
let example;
let findings = 0;
for (let round = 0; round < rounds; round++) {
  let tp = 0;
  let ty = 0;
  for (let from = 0; from < files.length; from += CHUNK) {
    const chunk = files.slice(from, from + CHUNK).map((f) => [f, readFileSync(f, 'utf8')]);
    const runOurs = async () => {
      const t0 = performance.now();
      for (const [f, text] of chunk) await ours(text, f);
      tp += performance.now() - t0;
    };
    const runYard = () => {
      const t0 = performance.now();
      for (const [, text] of chunk) yardstick(text);
      ty += performance.now() - t0;
    };
    if ((round + from / CHUNK) % 2) {
      runYard();
      await runOurs();
    } else {
      await runOurs();
      runYard();
    }
    if (round === 0) {
      for (const [f, text] of chunk) {
        const a = await ours(text, f);
        findings += a.length;
        if (key(a) !== key(yardstick(text))) {
          disagree++;
          example ??= { file: f.slice(dir.length + 1), ours: key(a), yardstick: key(yardstick(text)) };
        }
      }
    }
  }
  path.push(tp);
  yard.push(ty);
  process.stderr.write(`bench:   in process, round ${round + 1}/${rounds}: path ${Math.round(tp)} ms, yardstick ${Math.round(ty)} ms\n`);
}
process.stdout.write(
  `${JSON.stringify({ files: files.length, rounds, rules: RULE_IDS, findings, disagree, example, pathMs: path, yardstickMs: yard })}\n`,
);
