// The review as Markdown: for a pull request, a ticket or a mail. Same content as the HTML page.
import { showValue, heldMark, heldWord } from './explain.js';
import { citationText, readingLines, type Reading } from './words.js';
import { CHANGE, OUTCOME, SEVERITY, STATE, VERDICT, groupFindings, leftOutText, proposals, signOffLines, where } from './present.js';
import { fixCommands } from './fix-command.js';
import type { ProfileReview, ReviewReport, ReviewedFinding } from './review.js';
import { neutraliseLinks, showControls } from '../report/escape.js';

/** Text safe in a table cell or a line: pipes, backticks and line breaks would break the layout. */
// Also no link, image, HTML or @mention from the profile's text (the review goes into pull requests).
const cell = (s: string | undefined) =>
  s === undefined || s === ''
    ? '—'
    : neutraliseLinks(
        s
          .replace(/\\/g, '\\\\')
          .replace(/\|/g, '\\|')
          .replace(/[\r\n]+/g, ' ')
          .replace(/([*_<>[\]&!])/g, '\\$1'),
      );
const code = (s: string) => `\`${showControls(s.replace(/`/g, "'").replace(/[\r\n]+/g, ' '))}\``;

/** Why a finding fired, in words, as nested list items under the finding. */
function why(r: Reading, depth: number): string[] {
  const { lines, folded } = readingLines(r);
  const out = lines.map((l) => `${'  '.repeat(depth + l.depth)}- ${heldMark(l.held)} ${heldWord(l.held)}: ${cell(l.text)}`);
  if (r.basis.length) out.push(`${'  '.repeat(depth)}- catalogue facts used: ${r.basis.map((c) => cell(citationText(c))).join('; ')}`);
  if (folded) out.push(`${'  '.repeat(depth)}- (${folded} test${folded === 1 ? '' : 's'} not shown: bookkeeping, or not evaluated)`);
  return out;
}

function finding(r: ReviewedFinding, reference?: string): string[] {
  const f = r.finding;
  const state = r.waived ? STATE.waived : STATE[r.state];
  const lines = [`- **${state.icon} ${state.word}** · ${SEVERITY[f.severity].icon} ${SEVERITY[f.severity].word} · ${cell(f.message)}`];
  lines.push(`  - at ${code(where(r))} · rule ${code(f.ruleId)}${r.title ? ` — ${cell(r.title)}` : ''}`);
  if (f.suppressed)
    lines.push(
      `  - waived: ${cell(f.suppressed.reason)}${f.suppressed.approvedBy ? ` (approved by ${cell(f.suppressed.approvedBy)}` : ''}${f.suppressed.expires ? `, until ${f.suppressed.expires})` : f.suppressed.approvedBy ? ')' : ''}`,
    );
  if (f.basis) lines.push(`  - basis: ${cell(f.basis)}`);
  const commands = fixCommands(r.finding, reference);
  proposals(r).forEach((x, k) => {
    lines.push(`  - ${x.word.toLowerCase()}: ${cell(x.title)} (${x.edits.map(code).join('; ')})`);
    if (commands[k]) lines.push(`    apply: ${code(commands[k])}`);
  });
  if (r.reading) lines.push(`  - why it ${r.state === 'resolved' ? 'fired on the published version' : 'fired'}:`, ...why(r.reading, 2));
  // The reading says what the evidence held, in words; evidence is shown where there is no reading.
  const ev = r.reading ? [] : Object.entries(f.evidence ?? {});
  if (ev.length) lines.push(`  - evidence: ${ev.map(([k, v]) => `${code(k)} = ${cell(showValue(v))}`).join('; ')}`);
  return lines;
}

function profile(p: ProfileReview, reference?: string): string[] {
  const v = VERDICT[p.verdict];
  const out = [`## ${cell(p.state.name)}${p.state.iso3 ? ` (${p.state.iso3})` : ''} — ${v.icon} ${v.word}`, ''];
  out.push(p.reasons.map(cell).join('; ') + '.', '');
  if (p.draft) out.push(`- Draft: ${code(p.draft)}`);
  out.push(`- Published: ${p.published ? code(p.published) : 'none (a new profile)'}`);
  if (p.asOf) out.push(`- As of: ${p.asOf}`);
  out.push('', '### What changed', '');
  if (!p.changes.length) out.push('No row changed.', '');
  else {
    out.push('| Row | Change | Published | Draft |', '|---|---|---|---|');
    for (const c of p.changes) {
      const detail = c.kind === 'changed' ? c.fields.map((x) => `${x.field}: ${x.before ?? '—'} → ${x.after ?? '—'}`).join('; ') : '';
      out.push(
        `| ${cell(c.label)} | ${CHANGE[c.kind].icon} ${CHANGE[c.kind].word}${detail ? ` (${cell(detail)})` : ''} | ${cell(c.before)} | ${cell(c.after)} |`,
      );
    }
    out.push('');
  }
  out.push('### Findings', '');
  const groups = groupFindings(p);
  if (!groups.length) out.push('No findings, before or after.', '');
  for (const g of groups) out.push(`#### ${g.title} (${g.findings.length})`, '', ...g.findings.flatMap((f) => finding(f, reference)), '');
  if (p.reference) {
    out.push(
      '### Depositary cross-check',
      '',
      cell(p.reference.note),
      '',
      '| Instrument | Table | Profile | Record | Result |',
      '|---|---|---|---|---|',
    );
    for (const r of p.reference.rows) {
      out.push(
        `| ${cell(r.label)} | ${r.untc}${r.record ? ` (${code(r.record)})` : ''} | ${cell(r.profile)} | ${cell(r.recordText)} | ${OUTCOME[r.outcome].icon} ${OUTCOME[r.outcome].word}${r.notes.length ? `: ${cell(r.notes.join(' '))}` : ''} |`,
      );
    }
    out.push('');
  }
  return out;
}

function signOffMarkdown(r: ReviewReport): string[] {
  const s = signOffLines(r);
  if (!s) return [];
  const out = ['## Sign-off', '', cell(s.head), ''];
  if (s.outcome) out.push(cell(s.outcome), ...s.changes.map((c) => `- ${cell(c)}`), '');
  out.push(...s.files.map((f) => `- ${cell(f)}`), '');
  return out;
}

export function reviewMarkdown(r: ReviewReport): string {
  const s = r.summary;
  const out = ['# Pre-publication review', ''];
  out.push(
    `Drafts ${code(r.drafts.join(', '))} ${r.against ? `against ${code(r.against)}` : 'with no published version (new profiles: every row is new)'}${r.reference ? `; depositary record: ${cell(r.reference.source)} (${r.reference.recordedOn})` : ''}. ${r.tool.name} ${r.tool.version}.`,
    '',
  );
  const left = leftOutText(r);
  if (left) out.push(cell(left), '');
  out.push(...signOffMarkdown(r));
  out.push('## Summary', '');
  out.push(
    `${s.profiles} profile${s.profiles === 1 ? '' : 's'}: ${VERDICT.ready.icon} ${s.ready} ready, ${VERDICT['needs-attention'].icon} ${s['needs-attention']} needing attention, ${VERDICT.blocked.icon} ${s.blocked} blocked. ${s.changes} row change${s.changes === 1 ? '' : 's'}; findings: ${s.new} new, ${s.resolved} resolved, ${s.unchanged} unchanged, ${s.waived} waived.`,
    '',
  );
  if (r.waivers)
    out.push(
      `Waivers: ${code(r.waivers.file)}, ${r.waivers.waivers} waiver(s), ${r.waivers.suppressed} finding(s) waived.${r.waivers.notes.length ? ' ' + r.waivers.notes.map(cell).join(' ') : ''}`,
      '',
    );
  out.push(
    '| Profile | Verdict | Rows changed | New | Resolved | Unchanged | Waived | Open errors | Open warnings |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const p of r.profiles) {
    out.push(
      `| ${cell(p.state.name)} | ${VERDICT[p.verdict].icon} ${VERDICT[p.verdict].word} | ${p.changes.length} | ${p.counts.new} | ${p.counts.resolved} | ${p.counts.unchanged} | ${p.counts.waived} | ${p.counts.error} | ${p.counts.warning} |`,
    );
  }
  out.push('');
  for (const p of r.profiles) for (const line of profile(p, r.reference?.folder)) out.push(line); // no spread: a profile may hold thousands of lines
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
