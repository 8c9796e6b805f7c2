// Cross-check of a profile against the depositary's record: each mapped row's status and dates
// compared with the participant table. The profile's as-of window decides what the record must show:
// consent recorded before the window opens must appear as consent; a claim of consent must be in the
// record by the window's end. Where the record is older than the profile, a claim it cannot show is
// reported as unconfirmed, never as wrong.
import type { Catalog } from '../catalog/index.js';
import { buildFacts, type InstrumentFact } from '../facts/index.js';
import { locate, stateKey } from '../findings/index.js';
import type { Loaded } from '../load/types.js';
import type { Finding, Severity } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import { cellOf } from './diff.js';
import type { Depositary, RecordRow } from './depositary.js';
import type { ExplainNode } from './explain.js';
import type { Edit, Fix } from '../fix/types.js';
import type { RuleRunner } from '../engine/types.js';
import { REFERENCE_MISMATCH } from '../model/builtins.js';

export type ReferenceOutcome = 'agrees' | 'disagrees' | 'unconfirmed' | 'not listed';

export interface ReferenceRow {
  instrument: string;
  label: string;
  table: string;
  untc: string;
  /** "file:line" of the record row, when the state has one. */
  record?: string;
  profile: string;
  recordText: string;
  outcome: ReferenceOutcome;
  notes: string[];
}

export interface ReferenceCheck {
  source: string;
  recordedOn: string;
  /** True when the profile's as-of date is later than the record; null when the profile has none. */
  recordOlder: boolean | null;
  note: string;
  rows: ReferenceRow[];
}

export interface ReferenceResult {
  check: ReferenceCheck;
  findings: Finding[];
  explanations: Map<Finding, ExplainNode>;
}

const recordText = (r: RecordRow | undefined): string => {
  if (!r) return 'not a participant';
  const parts = [];
  if (r.signature) parts.push(`signed ${r.signature.date}`);
  if (r.consent) parts.push(`${r.consent.by} ${r.consent.date}`);
  return parts.length ? parts.join('; ') : 'listed without dates';
};

export function crossCheck(profile: Profile, loaded: Loaded, file: string, catalog: Catalog, dep: Depositary): ReferenceResult {
  const facts = buildFacts(profile, catalog);
  const { asOfFrom, asOfLatest } = facts.base.profile;
  const earliest = asOfFrom ?? asOfLatest;
  const recordOlder = asOfLatest ? asOfLatest > dep.recordedOn : null;
  const note =
    recordOlder === null
      ? `The profile gives no as-of date: it is compared with the record as of ${dep.recordedOn}.`
      : recordOlder
        ? `The record (${dep.recordedOn}) is older than the profile (as of ${asOfLatest}): what happened after ${dep.recordedOn} is not in it, so such rows are marked unconfirmed, not wrong.`
        : `The record (${dep.recordedOn}) is newer than the profile (as of ${asOfLatest}): events after the profile's date are not held against it.`;
  const iso3 = facts.base.state.iso3 ?? '';
  const rows: ReferenceRow[] = [];
  const findings: Finding[] = [];
  const explanations = new Map<Finding, ExplainNode>();

  for (const t of dep.tables) {
    const f = facts.base[t.instrument] as InstrumentFact | undefined;
    const label = f?.label ?? t.instrument;
    const rec = t.rows.get(iso3);
    const base = {
      instrument: t.instrument,
      label,
      table: t.file,
      untc: t.untc,
      ...(rec ? { record: `${t.file}:${rec.line}` } : {}),
      recordText: recordText(rec),
    };
    if (!f?.present || !f.pointer) {
      rows.push({ ...base, profile: '—', outcome: 'not listed', notes: [] });
      continue;
    }
    const entry = profile.entries[Number(f.pointer.split('/')[2])]!;
    const notes: string[] = [];
    let disagrees = false;
    let unconfirmed = false;
    // What the record says the row should read: never sure enough to apply unasked (the record may be
    // older or newer than the profile), so a suggestion a person accepts.
    const suggest = (title: string, changes: Record<string, unknown>): Fix => ({
      title,
      edits: Object.entries(changes).map(([k, v]): Edit => ({ op: 'set', pointer: `${f.pointer}/${k}`, value: v })),
    });
    const absent = catalog.kindOf(t.instrument)?.absent ?? 'Not a party';
    const consentWord = f.notInForce || (f.entryIntoForce && asOfLatest && f.entryIntoForce > asOfLatest) ? 'Ratified' : 'State Party';
    const report = (
      field: string,
      severity: Severity,
      message: string,
      profileKey: string,
      profileValue: unknown,
      recordKey: string,
      recordValue: unknown,
      operator: string,
      suggestion?: Fix,
    ) => {
      disagrees = true;
      notes.push(message);
      const finding = locate(
        {
          ruleId: REFERENCE_MISMATCH,
          severity,
          category: 'reference',
          message,
          pointer: `${f.pointer}/${field}`,
          instruments: [t.instrument],
          basis: `${dep.source}, UNTC ${t.untc} (record of ${dep.recordedOn})`,
          evidence: {
            [profileKey]: profileValue,
            [recordKey]: recordValue,
            record: base.record ?? `${t.file} (no row for ${facts.base.state.name})`,
          },
        },
        file,
        loaded,
      );
      if (suggestion) finding.suggestions = [suggestion];
      finding.fingerprint = `reference-mismatch:${stateKey(loaded, file)}:${t.instrument}:${field}`;
      findings.push(finding);
      explanations.set(finding, {
        kind: 'leaf',
        fact: profileKey,
        operator,
        expected: { fact: recordKey },
        expectedFact: recordKey,
        actual: profileValue,
        compared: recordValue,
        held: true,
      });
    };
    const claim = (date: string, what: string) => {
      // A claimed event after the record was taken cannot be checked against it.
      if (date > dep.recordedOn)
        return ((unconfirmed = true), notes.push(`${what} ${date} is after the record (${dep.recordedOn}): not confirmed`), false);
      return true;
    };

    // Status.
    if (!f.withdrawn) {
      const consentBy = rec?.consent && (!asOfLatest || rec.consent.date <= asOfLatest);
      const consentBefore = rec?.consent && (!earliest || rec.consent.date <= earliest);
      const signedBefore = rec?.signature && (!earliest || rec.signature.date <= earliest);
      const signedBy = rec?.signature && (!asOfLatest || rec.signature.date <= asOfLatest);
      const rk = `record ${t.untc}`;
      if (f.consented && !consentBy) {
        if (!rec?.consent && recordOlder)
          (unconfirmed = true),
            notes.push(`consent is not in the record of ${dep.recordedOn}, which is older than the profile: not confirmed`);
        else
          report(
            'status',
            'error',
            `${label} is listed as ${f.status}, but the depositary records ${rec?.consent ? `consent only on ${rec.consent.date}, after the profile's date (${asOfLatest})` : `no consent (${recordText(rec)})`}.`,
            `${t.instrument}.status`,
            f.status,
            rk,
            recordText(rec),
            'contradicts',
            signedBy
              ? suggest(`Say Signatory, as the depositary records (signed ${rec!.signature!.date})`, { status: 'Signatory' })
              : suggest(`Say ${absent}: the depositary records no consent`, { status: absent }),
          );
      } else if (!f.consented && consentBefore) {
        report(
          'status',
          'error',
          `${label} is listed as ${f.status}, but the depositary records ${rec!.consent!.by} on ${rec!.consent!.date}${earliest ? `, before the profile's date (${earliest})` : ''}.`,
          `${t.instrument}.status`,
          f.status,
          rk,
          recordText(rec),
          'contradicts',
          suggest(`Say ${consentWord}, ${rec!.consent!.by} ${rec!.consent!.date}, as the depositary records`, {
            status: consentWord,
            joined: rec!.consent!.date,
            joinedBy: rec!.consent!.by,
          }),
        );
      } else if (f.signed && !f.consented && !signedBy) {
        if (!rec?.signature && recordOlder)
          (unconfirmed = true), notes.push(`the signature is not in the record of ${dep.recordedOn}: not confirmed`);
        else
          report(
            'status',
            'error',
            `${label} is listed as ${f.status}, but the depositary records no signature by the profile's date (${recordText(rec)}).`,
            `${t.instrument}.status`,
            f.status,
            rk,
            recordText(rec),
            'contradicts',
            rec ? undefined : suggest(`Say ${absent}: the depositary records no signature`, { status: absent }),
          );
      } else if (!f.signed && !f.consented && signedBefore) {
        report(
          'status',
          'error',
          `${label} is listed as ${f.status}, but the depositary records its signature on ${rec!.signature!.date}.`,
          `${t.instrument}.status`,
          f.status,
          rk,
          recordText(rec),
          'contradicts',
          suggest(`Say Signatory, signed ${rec!.signature!.date}, as the depositary records`, {
            status: 'Signatory',
            signed: rec!.signature!.date,
          }),
        );
      }
    }

    // Dates, where the profile gives them (and they read unambiguously).
    if (f.signedDate && claim(f.signedDate, 'the signature of')) {
      if (!rec?.signature)
        report(
          'signed',
          'error',
          `${label}: the profile dates the signature ${f.signedDate}; the depositary records none.`,
          `${t.instrument}.signed`,
          f.signedDate,
          `record ${t.untc} signature`,
          null,
          'equal',
        );
      else if (rec.signature.date !== f.signedDate)
        report(
          'signed',
          'error',
          `${label}: signed ${f.signedDate} in the profile, ${rec.signature.date} in the depositary's record.`,
          `${t.instrument}.signed`,
          f.signedDate,
          `record ${t.untc} signature`,
          rec.signature.date,
          'differs from',
          suggest(`Date the signature ${rec.signature.date}, as the depositary records`, { signed: rec.signature.date }),
        );
    }
    if (f.joinedDate && claim(f.joinedDate, 'the consent of')) {
      if (!rec?.consent)
        report(
          'joined',
          'error',
          `${label}: the profile dates consent ${f.joinedDate}; the depositary records none.`,
          `${t.instrument}.joined`,
          f.joinedDate,
          `record ${t.untc} consent`,
          null,
          'equal',
        );
      else if (rec.consent.date !== f.joinedDate)
        report(
          'joined',
          'error',
          `${label}: joined ${f.joinedDate} in the profile, ${rec.consent.date} (${rec.consent.by}) in the depositary's record.`,
          `${t.instrument}.joined`,
          f.joinedDate,
          `record ${t.untc} consent`,
          rec.consent.date,
          'differs from',
          suggest(`Date the consent ${rec.consent.date} (${rec.consent.by}), as the depositary records`, {
            joined: rec.consent.date,
            joinedBy: rec.consent.by,
          }),
        );
      else if (entry.joinedBy && entry.joinedBy !== rec.consent.by)
        report(
          'joinedBy',
          'warning',
          `${label}: consent by ${entry.joinedBy} in the profile, by ${rec.consent.by} in the depositary's record.`,
          `${t.instrument}.joinedBy`,
          entry.joinedBy,
          `record ${t.untc} consent by`,
          rec.consent.by,
          'differs from',
          suggest(`Say consent by ${rec.consent.by}, as the depositary records`, { joinedBy: rec.consent.by }),
        );
    }
    const outcome: ReferenceOutcome = disagrees ? 'disagrees' : unconfirmed ? 'unconfirmed' : 'agrees';
    rows.push({ ...base, profile: cellOf(entry), outcome, notes });
  }
  return { check: { source: dep.source, recordedOn: dep.recordedOn, recordOlder, note, rows }, findings, explanations };
}

/**
 * A rule runner that also cross-checks each profile with the depositary's record (`check --reference`):
 * the same depositary findings as a review, for a new profile that has no published version.
 */
export function withReference(rules: RuleRunner, catalog: Catalog, dep: Depositary): RuleRunner {
  return async (profile, loaded, file) => [
    ...(await rules(profile, loaded, file)),
    ...crossCheck(profile, loaded, file, catalog, dep).findings,
  ];
}
