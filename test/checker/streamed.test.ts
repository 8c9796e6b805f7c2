// The command line does not keep a run's files: each file's report, waived and compared with the
// baseline as it comes, waits in a spool (a temporary file) until the reports are written from it a
// file at a time. What it prints must be what the whole report (Checker.checkFiles, every file kept)
// prints, byte for byte, in every format, on one thread and on several, with --quiet too.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { run, folder } from '../hostile/harness.js';
import { Checker } from '../../src/checker/index.js';
import { buildReport, chunkReporter, reporter, FORMATS, type Report } from '../../src/report/index.js';
import { fileSpool, memorySpool } from '../../src/report/spool.js';
import { countFindings, type FileReport } from '../../src/findings/index.js';
import type { Finding } from '../../src/model/finding.js';

const bundled = readdirSync(join(root, 'profiles')).filter((f) => f.endsWith('.yaml'));
const text = (f: string) => readFileSync(join(root, 'profiles', f), 'utf8');

const WAIVERS = `waivers:
  - rule: status-vocabulary
    profile: KAZ
    instrument: hcoc
    reason: kept as published
    approvedBy: editors
    expires: 2099-12-31
  - rule: instrument-name
    profile: p/a/0-kazakhstan.yaml
    instrument: canwfz
    reason: an old waiver
    approvedBy: editors
    expires: 2020-01-01
  - rule: footnote-duplicate
    profile: p/b/1-india.yaml
    reason: nothing there to waive
    approvedBy: editors
    expires: 2099-12-31
  - rule: no-such-rule
    profile: KAZ
    reason: a typo
    approvedBy: editors
    expires: 2099-12-31
`;

/**
 * 65 files over three folders (the bundled profiles again and again, a schema finding, files that do
 * not parse), a waivers file that suppresses, has expired, is unused and names no rule, and a baseline
 * made before some files changed: findings unchanged, resolved and new.
 */
async function corpus(): Promise<string> {
  const files: Record<string, string> = { 'waivers.yaml': WAIVERS };
  for (let i = 0; i < 10; i++) for (const f of bundled) files[`p/${['a', 'b', 'c'][i % 3]}/${i}-${f}`] = text(f);
  files['p/b/broken.yaml'] = 'profile: 1\nstate: { name: Kazakhstan }\nentries:\n  - instrument: opcw\n    stauts: Member\n';
  files['p/c/bad.json'] = '{"profile": 1, "profile": 2';
  files['p/c/empty.yaml'] = '';
  files['p/waivers.yaml'] = WAIVERS; // a profile named like the waivers file: the report keeps both, in order
  const dir = folder(files);
  const before = await (await Checker.create({ cwd: dir, config: false, waivers: false })).checkFiles(['p'], { workers: 1 });
  writeFileSync(join(dir, 'base.json'), `${JSON.stringify(before, null, 2)}\n`);
  writeFileSync(join(dir, 'p/c/2-kazakhstan.yaml'), text('india.yaml')); // its findings are resolved
  writeFileSync(join(dir, 'p/a/3-israel.yaml'), text('israel.yaml').replace('Member', 'Memebr')); // a new one
  writeFileSync(join(dir, 'p/b/late.yaml'), 'profile: 1\nprofile: 2\n'); // a new file that does not parse
  return dir;
}

const errorsOnly = (f: Finding) => f.severity === 'error';

/** What the command line printed before it streamed: the reporters on the whole report (--quiet rebuilt it). */
async function whole(report: Report, format: string, quiet: boolean, checker: Checker): Promise<string> {
  const shown = quiet
    ? buildReport(
        report.files.map((f) => ({ ...f, findings: f.findings.filter(errorsOnly) })),
        { ...(report.waivers ? { waivers: report.waivers } : {}), ...(report.baseline ? { baseline: report.baseline } : {}) },
      )
    : report;
  return (await reporter(format))!(shown, { rules: checker.ruleInfo(), failOn: 'warning' });
}

describe('the streamed report', () => {
  it('is byte for byte the whole report, in every format, on one thread and on two, with --quiet too', async () => {
    const dir = await corpus();
    const checker = await Checker.create({ cwd: dir, config: false, waivers: 'waivers.yaml', baseline: 'base.json' });
    const report = await checker.checkFiles(['p'], { workers: 1 });
    // The corpus has what the assembly must get right: each kind of waiver outcome and of baseline finding.
    expect(report.waivers).toMatchObject({ suppressed: 9, expired: 1, unused: 2 });
    expect(report.baseline!.unchanged.length).toBeGreaterThan(0);
    expect(report.baseline!.resolved.length).toBeGreaterThan(0);
    expect(report.files.filter((f) => f.file === 'waivers.yaml' || f.file === 'p/waivers.yaml')).toHaveLength(2);
    expect(report.files.some((f) => f.findings.some((x) => x.ruleId === 'parse'))).toBe(true);
    expect(report.files.length).toBe(66); // 65 files, and the waivers file's own findings
    for (const workers of [1, 2])
      for (const quiet of [false, true]) {
        const spool = fileSpool();
        try {
          const streamed = await checker.checkInto(spool, ['p'], { workers, ...(quiet ? { show: errorsOnly } : {}) });
          // The exit code's counts weigh every finding, shown or not.
          expect(streamed.counts).toEqual(countFindings(report.files.flatMap((f) => f.findings)));
          for (const format of FORMATS) {
            const pieces = (await chunkReporter(format))!(streamed.report, { rules: checker.ruleInfo(), failOn: 'warning' });
            expect([...pieces].join(''), `${format}, ${workers} thread(s)${quiet ? ', --quiet' : ''}`).toBe(
              await whole(report, format, quiet, checker),
            );
          }
        } finally {
          spool.remove();
        }
      }
  });
});

/** File reports as the spool must give them back: any JSON text in names and messages. */
const reports = fc.array(
  fc.record({
    file: fc.string({ unit: 'binary', maxLength: 30 }),
    format: fc.constant('yaml' as const),
    state: fc.constant(null),
    findings: fc.array(fc.record({ message: fc.string({ unit: 'binary', maxLength: 3000 }), line: fc.nat() }), { maxLength: 30 }),
  }),
  { maxLength: 40 },
);

describe('the spool', () => {
  it('gives back every file as it was put in, in order, as often as it is read', () => {
    fc.assert(
      fc.property(reports, (rs) => {
        const spool = fileSpool();
        try {
          for (const r of rs) spool.add(r as unknown as FileReport);
          spool.close();
          expect([...spool]).toEqual(rs);
          expect([...spool]).toEqual(rs); // JUnit reads the files twice
        } finally {
          spool.remove();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('cuts no character in two, however long the lines and wherever the reads end', () => {
    const spool = fileSpool();
    try {
      // Lines longer than a read, with 2-, 3- and 4-byte characters and line separators across its edges.
      const rs = Array.from({ length: 12 }, (_, i) => ({ file: `f${i}`, message: 'é€😀\u2028\n'.repeat(7000 + i * 3) }));
      for (const r of rs) spool.add(r as unknown as FileReport);
      spool.close();
      expect([...spool]).toEqual(rs);
    } finally {
      spool.remove();
    }
  });

  it('is gone from the file system as soon as it is open, so that even a killed run leaves nothing', () => {
    const base = mkdtempSync(join(tmpdir(), 'adherence-spool-test-'));
    const spool = fileSpool(base);
    expect(readdirSync(base)).toEqual([]);
    const r = { file: 'a', format: 'yaml', state: null, findings: [] } as FileReport;
    spool.add(r);
    spool.close();
    expect([...spool]).toEqual([r]);
    expect([...spool]).toEqual([r]);
    spool.remove();
    spool.remove();
    expect(readdirSync(base)).toEqual([]);
    expect(() => spool.add({} as FileReport)).toThrow();
    expect(() => [...spool]).toThrow();
    rmSync(base, { recursive: true });
  });

  it('in memory, keeps the files themselves', () => {
    const spool = memorySpool();
    const r = { file: 'a', format: 'yaml', state: null, findings: [] } as FileReport;
    spool.add(r);
    spool.close();
    expect([...spool][0]).toBe(r);
  });

  it('of the command line is removed whether the run ends well or not', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'adherence-spool-cli-'));
    const dir = folder({ 'p/kaz.yaml': text('kazakhstan.yaml'), 'p/x.yaml': 'profile: 1\n', 'out/keep': '' });
    const env = { TMPDIR: tmp };
    const ok = await run(['check', 'p', '-f', 'json', '-o', 'r.json'], dir, undefined, env);
    expect(ok.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).summary.files).toBe(2);
    // The report cannot be written (a folder is in the way): exit 2, after the files were spooled.
    const failed = await run(['check', 'p', '-f', 'json', '-o', 'out'], dir, undefined, env);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/refusing to write to out/);
    expect(existsSync(join(dir, 'out/keep'))).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
    // A temporary folder it cannot write to: the files are kept in memory, and the run is the same.
    const nowhere = await run(['check', 'p', '-f', 'json'], dir, undefined, { TMPDIR: join(dir, 'p/kaz.yaml') });
    expect(nowhere.code).toBe(1);
    expect(nowhere.stdout).toBe(readFileSync(join(dir, 'r.json'), 'utf8'));
    rmSync(tmp, { recursive: true });
  });
});
