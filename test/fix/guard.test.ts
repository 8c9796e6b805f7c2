// A fix that would draw a finding the document did not have is held back, whoever wrote the rule.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, root, seedPath, seedText } from '../helpers.js';

const BAD_RULE = `id: ctbt-wording
title: A rule whose fix is wrong
severity: warning
category: vocabulary
basis: a test
description: Its fix writes a status a treaty does not take.
scope: entry
field: status
message: "{entry.label} is {entry.status}."
conditions:
  all:
    - { fact: entry, path: $.id, operator: equal, value: ctbt }
    - { fact: entry, path: $.status, operator: equal, value: State Party }
fix:
  title: Say Member
  edits:
    - { set: "{entry.pointer}/status", to: Member }
examples:
  valid: [{ name: none }]
  invalid: [{ name: seed, base: seed, findings: [{ instruments: [ctbt] }] }]
`;

describe('the fix guard', () => {
  it('applies the good fix, holds back the one that would draw a new finding, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adh-guard-'));
    const rules = join(dir, 'rules');
    const txt = join(dir, 'k.txt');
    copyFileSync(seedPath, txt);
    mkdirSync(rules);
    copyFileSync(join(root, 'rules', 'status-vocabulary.yaml'), join(rules, 'status-vocabulary.yaml'));
    writeFileSync(join(rules, 'ctbt-wording.yaml'), BAD_RULE);
    const r = cli(['check', txt, '--fix', '--no-bundled-rules', '--rules-dir', rules, '-f', 'json']);
    const file = JSON.parse(r.stdout).files[0];
    expect(file.fixed.applied.map((a: { ruleId: string }) => a.ruleId)).toEqual(['status-vocabulary']);
    expect(file.fixed.refused).toEqual([{ ruleId: 'ctbt-wording', pointer: '/entries/6/status', title: 'Say Member' }]);
    expect(file.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['ctbt-wording']);
    const out = readFileSync(txt, 'utf8');
    expect(out).toContain('Comprehensive Nuclear Test Ban Treaty (CTBT)\tState Party\n');
    expect(out).toBe(seedText().replace('Ballistic Missile\tState Party', 'Ballistic Missile\tSubscribing State'));
  });
});
