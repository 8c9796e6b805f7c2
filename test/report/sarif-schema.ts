// The official SARIF 2.1.0 schema (test/fixtures/sarif), compiled once for every test that checks a log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { root } from '../helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// The official schema declares draft-04; apart from `id` (draft-07's `$id`) its keywords mean the same
// under ajv's draft-07 class. strict: false because it puts `default` where strict mode objects.
const {
  $schema: _draft04,
  id,
  ...rest
} = JSON.parse(readFileSync(join(root, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;

export const sarifValidator = addFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false })).compile({ $id: id, ...rest });
