// Build step (after tsc): prepares dist/prebuilt.json and dist/schema/validators/*.cjs, which start-up
// uses while their sources are unchanged (see src/prebuilt.ts). Run by `npm run build`.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { packageRoot, schemasDir, rulesDir, catalogDir } from '../paths.js';
import { PREBUILT_FILE, validatorFile, stampOf, type Part, type Stamp } from '../prebuilt.js';
import { AJV_OPTIONS } from '../schema/index.js';
import { buildCatalog } from '../catalog/index.js';
import { readRules, conditionPositions } from '../engine/load.js';

const rel = (p: string) => relative(packageRoot, p).split('\\').join('/');
const text = (p: string) => readFileSync(p, 'utf8');

// ajv's standalone code of every bundled schema, one file each (start-up loads only those it uses),
// with the same options as at run time.
const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv2020, refs?: Record<string, string>) => string }).default;
const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
const schemaFiles = readdirSync(schemasDir)
  .filter((f) => f.endsWith('.schema.json'))
  .sort();
for (const f of schemaFiles) {
  const p = join(schemasDir, f);
  const ajv = addFormats(new Ajv2020({ ...AJV_OPTIONS, code: { source: true } }));
  ajv.addSchema(JSON.parse(text(p)), f);
  const out = validatorFile(f);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${standaloneCode(ajv, { validate: f })}\nexports.stamp = ${JSON.stringify(stampOf(rel(p)))};\n`);
}

// The catalogue files parsed, and the rule set read and checked against it.
const parts: Record<string, Part<unknown>> = {};
const catalogRaw: Record<string, unknown> = {};
for (const f of ['instruments.yaml', 'states.yaml']) {
  const p = join(catalogDir, f);
  catalogRaw[f] = parse(text(p));
  parts[rel(p)] = { sources: { [rel(p)]: stampOf(rel(p)) }, value: catalogRaw[f] };
}
// The explanation phrases (explain, review, SARIF help): parsed here, still schema-checked when read.
const phrasesFile = join(rulesDir, 'explain', 'phrases.yaml');
parts[rel(phrasesFile)] = { sources: { [rel(phrasesFile)]: stampOf(rel(phrasesFile)) }, value: parse(text(phrasesFile)) };
const inst = catalogRaw['instruments.yaml'] as { kinds: never; instruments: never };
const catalog = buildCatalog({
  kinds: inst.kinds,
  instruments: inst.instruments,
  states: (catalogRaw['states.yaml'] as { states: never }).states,
});
const rules = readRules(rulesDir, catalog);
const ruleSources: Record<string, Stamp> = {};
for (const r of rules) ruleSources[rel(r.file)] = stampOf(rel(r.file));
const fixed = Object.keys(ruleSources);
for (const p of [join(catalogDir, 'instruments.yaml'), join(catalogDir, 'states.yaml'), join(schemasDir, 'rule.schema.json')])
  ruleSources[rel(p)] = stampOf(rel(p));
parts.rules = { sources: ruleSources, value: rules.map((r) => ({ ...r, file: rel(r.file) })) };
// Where each condition stands in its file, so that a prebuilt rule's run-time error names its line.
parts.rulePositions = { sources: ruleSources, value: Object.fromEntries(rules.map((r) => [rel(r.file), conditionPositions(r)])) };
writeFileSync(PREBUILT_FILE, JSON.stringify(parts));
process.stdout.write(`prebuilt: ${schemaFiles.length} schema validators, the catalogue, ${fixed.length} rules\n`);
