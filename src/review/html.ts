// The review as one self-contained HTML page: no scripts, no external assets. Summary on top, then one
// section per profile: the row diff, findings grouped by severity with why each fired, the
// depositary cross-check. Headings and table headers carry the structure for assistive technology.
import { showValue, heldWord } from './explain.js';
import { citationText, readingLines, type Reading, type ReadingLine } from './words.js';
import {
  CHANGE,
  OUTCOME,
  SEVERITY,
  STATE,
  VERDICT,
  groupFindings,
  leftOutText,
  proposals,
  signOffLines,
  slug,
  where,
  type FindingGroup,
} from './present.js';
import type { ProfileReview, ReviewReport, ReviewedFinding } from './review.js';
import { STYLE } from './style.js';
import { fixCommands } from './fix-command.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);
const badge = (cls: string, icon: string, word: string, extra = '') =>
  `<span class="badge ${cls}${extra}"><span aria-hidden="true">${icon}</span> ${esc(word)}</span>`;
const code = (s: string) => `<code>${esc(s)}</code>`;

const markOf = (held: boolean | undefined) =>
  `<span class="mark m-${slug(heldWord(held))}">${held === true ? '✓' : held === false ? '✗' : '·'} ${heldWord(held)}</span>`;

/** Reading lines (each with its depth) as nested lists. */
function saidList(lines: ReadingLine[]): string {
  let out = '<ul class="tree">';
  let depth = 0;
  lines.forEach((l, i) => {
    for (; depth < l.depth; depth++) out += '<ul>';
    for (; depth > l.depth; depth--) out += '</ul></li>';
    const opens = (lines[i + 1]?.depth ?? 0) > l.depth;
    out += `<li>${markOf(l.held)}${esc(l.text)}${opens ? '' : '</li>'}`;
  });
  for (; depth > 0; depth--) out += '</ul></li>';
  return `${out}</ul>`;
}

/** Why a finding fired, in words: the tests that decided, the catalogue facts used, the bookkeeping folded. */
function why(r: Reading): string {
  const shown = readingLines(r).lines;
  const folded = readingLines(r, true).lines.filter((l) => l.folded);
  const basis = r.basis.length
    ? `<p class="basis"><strong>Catalogue facts used:</strong></p><ul class="basis">${r.basis.map((c) => `<li>${esc(citationText(c))}</li>`).join('')}</ul>`
    : '';
  const more = folded.length
    ? `<details><summary>${folded.length} more test${folded.length === 1 ? '' : 's'}: bookkeeping (a row is listed, an instrument is known) or not evaluated</summary>${saidList(folded.map((l) => ({ ...l, depth: 0 })))}</details>`
    : '';
  return `${saidList(shown)}${basis}${more}`;
}

function finding(r: ReviewedFinding, g: FindingGroup, i: number, p: ProfileReview, referenceDir?: string): string {
  const f = r.finding;
  const st = r.waived ? 'waived' : r.state;
  const sev = SEVERITY[f.severity];
  const id = `f-${slug(p.state.iso3 ?? p.state.name)}-${g.id}-${i + 1}`;
  const waiver = f.suppressed
    ? `<p class="waiver"><strong>Waived:</strong> ${esc(f.suppressed.reason)}${f.suppressed.approvedBy ? ` — approved by ${esc(f.suppressed.approvedBy)}` : ''}${f.suppressed.expires ? `, until ${esc(f.suppressed.expires)}` : ''}</p>`
    : '';
  const commands = fixCommands(f, referenceDir);
  const fixes = proposals(r)
    .map(
      (x, k) =>
        `<p class="waiver"><strong>${esc(x.word)}:</strong> ${esc(x.title)} — ${x.edits.map(code).join('; ')}</p>` +
        (commands[k] ? `<p class="apply">To apply it, run where the review ran: ${code(commands[k])}</p>` : ''),
    )
    .join('');
  // The reading says what the evidence held, in words; evidence is shown where there is no reading.
  const ev = r.reading ? [] : Object.entries(f.evidence ?? {});
  const evidence = ev.length
    ? `<div class="ev"><h6>Evidence</h6><table><tbody>${ev.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(showValue(v))}</td></tr>`).join('')}</tbody></table></div>`
    : '';
  const whyFired = r.reading
    ? `<div class="why"><h6>Why it ${r.state === 'resolved' ? 'fired on the published version' : 'fired'}</h6>${why(r.reading)}</div>`
    : '';
  return `<article class="finding k-${g.kind}" id="${id}" aria-labelledby="${id}-h">
<div class="tags">${badge(`st-${st}`, STATE[st].icon, STATE[st].word)} ${badge(`s-${f.severity}`, sev.icon, sev.word)} ${f.instruments.map((x) => code(x)).join(' ')}</div>
<h5 id="${id}-h">${esc(f.message)}</h5>
<p class="loc">${code(where(r))} · rule ${code(f.ruleId)}${r.title ? ` — ${esc(r.title)}` : ''}${f.basis ? ` · <strong>Basis:</strong> ${esc(f.basis)}` : ''}</p>
${waiver}${fixes}${whyFired || evidence ? `<div class="cols">${whyFired || '<div></div>'}${evidence}</div>` : ''}
</article>`;
}

function changes(p: ProfileReview, hid: string): string {
  if (!p.changes.length) return `<p class="empty">No row changed${p.published ? '' : ' (no published version to compare with)'}.</p>`;
  const rows = p.changes.map((c) => {
    const k = CHANGE[c.kind];
    const fields =
      c.kind === 'changed' && c.fields.length > 0 && !(c.fields.length === 1 && c.fields[0]!.field === c.key)
        ? `<ul class="fields">${c.fields.map((x) => `<li>${esc(x.field)}: ${esc(x.before ?? '—')} → ${esc(x.after ?? '—')}</li>`).join('')}</ul>`
        : '';
    return `<tr><th scope="row">${esc(c.label)}${fields}</th><td data-label="Change">${badge(`ch-${c.kind}`, k.icon, k.word)}</td><td data-label="Published">${c.before !== undefined ? `<del>${esc(c.before)}</del>` : '<span class="empty">—</span>'}</td><td data-label="Draft">${c.after !== undefined ? `<ins>${esc(c.after)}</ins>` : '<span class="empty">—</span>'}</td></tr>`;
  });
  return `<table class="diff stack" aria-labelledby="${hid}"><colgroup><col class="c-row"><col class="c-change"><col><col></colgroup><thead><tr><th scope="col">Row</th><th scope="col">Change</th><th scope="col">Published</th><th scope="col">Draft</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function reference(p: ProfileReview, hid: string): string {
  const r = p.reference!;
  const rows = r.rows.map((x) => {
    const o = OUTCOME[x.outcome];
    return `<tr><th scope="row">${esc(x.label)}</th><td data-label="Table">UNTC ${esc(x.untc)}${x.record ? `<br>${code(x.record)}` : ''}</td><td data-label="Profile">${esc(x.profile)}</td><td data-label="Record">${esc(x.recordText)}</td><td data-label="Result">${badge(`o-${slug(x.outcome)}`, o.icon, o.word)}${x.notes.length ? `<div class="vals">${esc(x.notes.join(' '))}</div>` : ''}</td></tr>`;
  });
  return `<p class="note">${esc(r.note)}</p><table class="ref stack" aria-labelledby="${hid}"><colgroup><col class="c-inst"><col class="c-table"><col><col><col class="c-result"></colgroup><thead><tr><th scope="col">Instrument</th><th scope="col">Table</th><th scope="col">Profile says</th><th scope="col">Record says (${esc(r.recordedOn)})</th><th scope="col">Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function profile(p: ProfileReview, referenceDir?: string): string {
  const pid = `p-${slug(p.state.iso3 ?? p.state.name)}`;
  const v = VERDICT[p.verdict];
  const groups = groupFindings(p);
  const findings = groups.length
    ? groups
        .map((g) => {
          const icon = g.kind === 'waived' ? STATE.waived.icon : g.kind === 'resolved' ? STATE.resolved.icon : SEVERITY[g.kind].icon;
          return `<section aria-labelledby="${pid}-${g.id}"><h4 id="${pid}-${g.id}"><span aria-hidden="true">${icon}</span> ${esc(g.title)} <span class="badge st-unchanged">${g.findings.length}</span></h4>${g.findings.map((f, i) => finding(f, g, i, p, referenceDir)).join('\n')}</section>`;
        })
        .join('\n')
    : '<p class="empty">No findings, before or after.</p>';
  return `<section class="panel profile" id="${pid}" aria-labelledby="${pid}-h">
<div class="profile-head"><h2 id="${pid}-h">${esc(p.state.name)}${p.state.iso3 ? ` <small>(${esc(p.state.iso3)})</small>` : ''}</h2>${badge(`v-${p.verdict}`, v.icon, v.word, ' big')}</div>
<p class="reasons">${esc(p.reasons.join('; '))}.</p>
<dl class="facts">${p.draft ? `<dt>Draft</dt><dd>${code(p.draft)}</dd>` : ''}<dt>Published</dt><dd>${p.published ? code(p.published) : 'none — a new profile'}</dd>${p.asOf ? `<dt>As of</dt><dd>${esc(p.asOf)}</dd>` : ''}</dl>
<h3 id="${pid}-changes">What changed <span class="badge st-unchanged">${p.changes.length}</span></h3>
${changes(p, `${pid}-changes`)}
<h3 id="${pid}-findings">Findings</h3>
${findings}
${p.reference ? `<h3 id="${pid}-ref">Depositary cross-check</h3>\n${reference(p, `${pid}-ref`)}` : ''}
</section>`;
}

/** The sign-off record, when one was written with this review or verified against it. */
function signOff(r: ReviewReport): string {
  const s = signOffLines(r);
  if (!s) return '';
  const outcome = s.outcome
    ? `<p class="note"><strong>${esc(s.outcome)}</strong></p>${s.changes.length ? `<ul>${s.changes.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>` : ''}`
    : '';
  return `<section class="panel" id="sign-off" aria-labelledby="sign-off-h">
<h2 id="sign-off-h">Sign-off</h2>
<p>${esc(s.head)}</p>
${outcome}<ul class="basis">${s.files.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
</section>
`;
}

export function reviewHtml(r: ReviewReport): string {
  const s = r.summary;
  const title = r.profiles.length === 1 ? `Review: ${r.profiles[0]!.state.name}` : `Review of ${r.profiles.length} profiles`;
  const card = (cls: string, n: number, label: string, icon: string) =>
    `<li class="${cls}"><span class="num">${n}</span><span class="lbl"><span aria-hidden="true">${icon}</span> ${esc(label)}</span></li>`;
  const summaryRows = r.profiles.map((p) => {
    const pid = `p-${slug(p.state.iso3 ?? p.state.name)}`;
    return `<tr><th scope="row"><a href="#${pid}">${esc(p.state.name)}</a></th><td data-label="Verdict">${badge(`v-${p.verdict}`, VERDICT[p.verdict].icon, VERDICT[p.verdict].word)}</td><td data-label="Rows changed">${p.changes.length}</td><td data-label="New">${p.counts.new}</td><td data-label="Resolved">${p.counts.resolved}</td><td data-label="Unchanged">${p.counts.unchanged}</td><td data-label="Waived">${p.counts.waived}</td><td data-label="Open errors">${p.counts.error}</td><td data-label="Open warnings">${p.counts.warning}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(r.tool.name)} ${esc(r.tool.version)}">
<title>${esc(title)} — ${esc(r.tool.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><div class="wrap">
<p class="eyebrow">Pre-publication review</p>
<h1>${esc(title)}</h1>
<p class="meta">Draft ${code(r.drafts.join(', '))} ${r.against ? `against ${code(r.against)}` : 'with no published version (new profiles: every row is new)'}${r.reference ? ` · depositary record of ${esc(r.reference.recordedOn)}` : ''} · ${esc(r.tool.name)} ${esc(r.tool.version)}</p>${leftOutText(r) ? `\n<p class="meta">${esc(leftOutText(r)!)}</p>` : ''}
</div></header>
<main class="wrap">
<section class="panel" id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<ul class="cards">
${card('c-blocked', s.blocked, 'blocked by errors', VERDICT.blocked.icon)}
${card('c-attention', s['needs-attention'], 'need attention', VERDICT['needs-attention'].icon)}
${card('c-ready', s.ready, 'ready to publish', VERDICT.ready.icon)}
${card('', s.changes, 'rows changed', CHANGE.changed.icon)}
${card('c-new', s.new, 'new findings', STATE.new.icon)}
${card('c-resolved', s.resolved, 'resolved findings', STATE.resolved.icon)}
${card('', s.unchanged, 'unchanged findings', STATE.unchanged.icon)}
${card('c-waived', s.waived, 'waived findings', STATE.waived.icon)}
</ul>
${r.waivers ? `<p class="note">Waivers from ${code(r.waivers.file)}: ${r.waivers.waivers} waiver(s), ${r.waivers.suppressed} finding(s) waived.${r.waivers.notes.length ? ' ' + esc(r.waivers.notes.join(' ')) : ''}</p>` : ''}
<table class="stack" aria-labelledby="summary-h"><thead><tr><th scope="col">Profile</th><th scope="col">Verdict</th><th scope="col">Rows changed</th><th scope="col">New</th><th scope="col">Resolved</th><th scope="col">Unchanged</th><th scope="col">Waived</th><th scope="col">Open errors</th><th scope="col">Open warnings</th></tr></thead>
<tbody>${summaryRows.join('')}</tbody></table>
</section>
${signOff(r)}${r.profiles.map((p) => profile(p, r.reference?.folder)).join('\n')}
</main>
<footer><div class="wrap">
<p>Every mark has a word: findings are <strong>${STATE.new.icon} new</strong> (not in the published version), <strong>${STATE.unchanged.icon} unchanged</strong>, <strong>${STATE.resolved.icon} resolved</strong> (gone from the draft) or <strong>${STATE.waived.icon} waived</strong> (accepted, with a reason). A profile is <strong>${VERDICT.ready.icon} ready</strong> when it has no open error or warning.</p>
<p>"Why it fired" says each test of the rule over the rows it read, and whether it <strong>✓ holds</strong> or <strong>✗ fails</strong> for this profile, with the catalogue facts it used and their sources. <code>--format json</code> keeps the condition trees with their fact names.</p>
</div></footer>
</body>
</html>
`;
}
