// SARIF 2.1.0, as GitHub code scanning and IDE viewers read it: one run, the rules with their
// metadata and help, one result per finding with its region, fingerprint and any waiver.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChunkReporter, Reporter } from './index.js';
import { jsonChunks, STREAMED } from './json-stream.js';
import type { Finding, Location, Severity } from '../model/finding.js';
import { rulesOf, type RuleInfo } from './rules.js';
import { markdownText } from './escape.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A file as a URI reference: relative paths stay relative to the checkout (%SRCROOT%). */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const uri = file.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

const physical = (l: Location) => ({
  artifactLocation: artifactLocation(l.file),
  region: { startLine: l.line, startColumn: l.column },
});

function help(r: RuleInfo): { text: string; markdown: string } {
  // When it fires, in the words of `explain` and the review page (the rule's tests, with no values).
  const decides = r.decides?.length ? r.decides : undefined;
  const firesText =
    decides && ['Fires when all of these hold:', ...decides.map((d) => `${'  '.repeat(d.depth + 1)}- ${d.text}`)].join('\n');
  const firesMarkdown =
    decides &&
    ['*Fires when all of these hold:*', '', ...decides.map((d) => `${'  '.repeat(d.depth)}- ${markdownText(d.text)}`)].join('\n');
  const text = [r.title, r.description, firesText, r.basis ? `Basis: ${r.basis}` : undefined].filter(Boolean).join('\n\n');
  const markdown = [
    `**${r.title}**`,
    r.description,
    firesMarkdown,
    r.basis ? `*Basis:* ${r.basis}` : undefined,
    `Severity: ${r.severity}; category: ${r.category}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { text, markdown };
}

function descriptor(r: RuleInfo) {
  return {
    id: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description ?? r.title },
    help: help(r),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      category: r.category,
      tags: [r.category, ...(r.builtin ? ['built-in'] : [])],
      ...(r.basis ? { basis: r.basis } : {}),
      ...(r.confidence ? { confidence: r.confidence } : {}),
    },
  };
}

type BaselineState = 'new' | 'unchanged' | 'absent';

/** --fix-dry-run: the finding's fix and suggestions as SARIF fixes, each a set of replacements in its file. */
function fixes(f: Finding) {
  const list = [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])].filter((x) => x.change);
  if (list.length === 0) return {};
  return {
    fixes: list.map((x) => ({
      description: { text: x === f.fix ? x.title : `Suggestion: ${x.title}` },
      artifactChanges: [
        {
          artifactLocation: artifactLocation(f.file),
          replacements: x.change!.replacements.map((r) => ({
            deletedRegion: { startLine: r.startLine, charOffset: r.charOffset, charLength: r.charLength },
            insertedContent: { text: r.text },
          })),
        },
      ],
    })),
  };
}

function result(f: Finding, ruleIndex: number, state: BaselineState | undefined) {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physical(f) }],
    ...(f.related?.length
      ? {
          relatedLocations: f.related.map((l, i) => ({
            id: i + 1,
            physicalLocation: physical(l),
            message: { text: l.pointer ? `related: ${l.pointer}` : 'related' },
          })),
        }
      : {}),
    ...fixes(f),
    partialFingerprints: { 'adherence/v1': f.fingerprint },
    ...(state ? { baselineState: state } : {}),
    ...(f.suppressed
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: f.suppressed.reason,
              properties: {
                ...(f.suppressed.approvedBy ? { approvedBy: f.suppressed.approvedBy } : {}),
                ...(f.suppressed.expires ? { expires: f.suppressed.expires } : {}),
              },
            },
          ],
        }
      : {}),
    properties: {
      category: f.category,
      pointer: f.pointer,
      instruments: f.instruments,
      ...(f.basis ? { basis: f.basis } : {}),
      ...(f.evidence ? { evidence: f.evidence } : {}),
    },
  };
}

/** The SARIF log in pieces, one a result: a run of 100,000 files is never one string. */
export const sarifStream: ChunkReporter = (report, opts) => {
  const rules = rulesOf(report, opts.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map(descriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: STREAMED,
      },
    ],
  };
  function* results() {
    for (const fr of report.files)
      for (const f of fr.findings) yield result(f, index.get(f.ruleId) ?? -1, report.baseline ? 'new' : undefined);
    // Code scanning closes an alert whose result is missing: the findings known to the baseline are
    // still there (unchanged), and the resolved ones are said to be gone (absent).
    for (const f of report.baseline?.unchanged ?? []) yield result(f, index.get(f.ruleId) ?? -1, 'unchanged');
    for (const f of report.baseline?.resolved ?? []) yield result(f, index.get(f.ruleId) ?? -1, 'absent');
  }
  return jsonChunks(log, results());
};

export const sarif: Reporter = (report, opts) => [...sarifStream(report, opts)].join('');
