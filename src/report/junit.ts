// JUnit XML for GitLab, Jenkins and other test-report viewers: a test suite per file, a test case
// per rule evaluated on it. A test case fails when one of its findings reaches --fail-on, so the
// test report and the exit code agree; findings below it are printed in the case's system-out.
import type { ChunkReporter, Reporter, Report } from './index.js';
import type { FileReport } from '../findings/index.js';
import type { Finding } from '../model/finding.js';
import { atOrAbove, type FailOn } from '../findings/index.js';
import { rulesOf } from './rules.js';
import { BUILTIN_CHECKS, DOCUMENT_CHECKS, WAIVER_CHECKS, documentFailed, isBuiltin, type BuiltinId } from '../model/builtins.js';

// XML 1.0 cannot hold most control characters, even escaped: drop them rather than emit a broken file.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xml = (s: string) =>
  s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const line = (f: Finding) =>
  `${f.line}:${f.column} ${f.suppressed ? `waived (${f.suppressed.reason})` : f.severity} ${f.message} [${f.fingerprint}]`;

interface Case {
  name: string;
  failure?: Finding[];
  skipped?: string;
  out?: Finding[];
}

function casesOf(fr: FileReport, report: Report, ruleIds: string[], failOn: FailOn): Case[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of fr.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const isWaivers = report.waivers?.file === fr.file && fr.state === null;
  const loaded = !documentFailed(fr.findings);
  const names: string[] = isWaivers ? [...WAIVER_CHECKS] : [...DOCUMENT_CHECKS, ...ruleIds];
  for (const id of byRule.keys()) if (!names.includes(id)) names.push(id);
  return [...new Set(names)].sort().map((name) => {
    const found = byRule.get(name) ?? [];
    if (found.some((f) => atOrAbove(f, failOn))) return { name, failure: found };
    if (found.length && found.every((f) => f.suppressed)) return { name, skipped: `waived: ${found[0]!.suppressed!.reason}` };
    if (found.length) return { name, out: found };
    if (!loaded && !isWaivers && !DOCUMENT_CHECKS.includes(name as BuiltinId))
      return { name, skipped: 'not run: the file does not load or does not match the schema' };
    return { name };
  });
}

/**
 * The JUnit XML in pieces, one a test suite (file). The totals come first in the document, so the test
 * cases are worked out twice, once to count and once to print, rather than all kept at once.
 */
export const junitStream: ChunkReporter = function* (report, opts) {
  const failOn = opts.failOn ?? 'error';
  const ruleIds = rulesOf({ ...report, files: [] }, opts.rules)
    .map((r) => r.id)
    .filter((id) => !isBuiltin(id) || BUILTIN_CHECKS[id].origin === 'review');
  const count = (cs: Case[], k: 'failure' | 'skipped') => cs.filter((c) => c[k] !== undefined).length;
  const total = { tests: 0, failure: 0, skipped: 0 };
  for (const fr of report.files) {
    const cases = casesOf(fr, report, ruleIds, failOn);
    total.tests += cases.length;
    total.failure += count(cases, 'failure');
    total.skipped += count(cases, 'skipped');
  }
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="adherence" tests="${total.tests}" failures="${total.failure}" errors="0" skipped="${total.skipped}" time="0">\n`;
  for (const fr of report.files) {
    const cases = casesOf(fr, report, ruleIds, failOn);
    const out: string[] = [];
    const file = xml(fr.file);
    out.push(
      `  <testsuite name="${file}" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="0" skipped="${count(cases, 'skipped')}" time="0">`,
    );
    if (fr.state)
      out.push(
        `    <properties><property name="state" value="${xml(fr.state.name + (fr.state.iso3 ? ` (${fr.state.iso3})` : ''))}"/></properties>`,
      );
    for (const c of cases) {
      const open = `    <testcase name="${xml(c.name)}" classname="${file}" file="${file}" time="0"`;
      if (c.failure) {
        const worst = c.failure.find((f) => atOrAbove(f, failOn))!;
        out.push(
          `${open}>`,
          `      <failure message="${xml(worst.message)}" type="${worst.severity}">${xml(c.failure.map(line).join('\n'))}</failure>`,
          '    </testcase>',
        );
      } else if (c.skipped) {
        out.push(`${open}>`, `      <skipped message="${xml(c.skipped)}"/>`, '    </testcase>');
      } else if (c.out) {
        out.push(`${open}>`, `      <system-out>${xml(c.out.map(line).join('\n'))}</system-out>`, '    </testcase>');
      } else out.push(`${open}/>`);
    }
    out.push('  </testsuite>');
    yield `${out.join('\n')}\n`;
  }
  yield '</testsuites>\n';
};

export const junit: Reporter = (report, opts) => [...junitStream(report, opts)].join('');
