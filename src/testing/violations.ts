// Profiles that break one chosen rule: a world built so the break is possible (the rows it needs
// listed, the standings it rests on forced), then one edit, and the finding the edit must draw.
import fc from 'fast-check';
import type { Catalog } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { Entry, Profile } from '../model/profile.js';
import { adoptionOf } from '../facts/date-order.js';
import { day, iso, writeDate } from './dates.js';
import { addPeriod } from '../facts/time.js';
import { worldArb, rowsOf, NON_NPT, type ProfileOptions, type World } from './world.js';

/** The finding a violating profile must draw: the rule, the instruments it names, the row at fault. */
export interface ExpectedFinding {
  ruleId: string;
  instruments: string[];
  /** JSON pointer of the row (or report, date, footnote) at fault; the finding points there or below. */
  pointer?: string;
}

export interface Violation {
  profile: Profile;
  finding: ExpectedFinding;
}

type Edit = (w: World, k: number) => { instruments: string[]; pointer: string } | null;
interface Plan {
  opts: ProfileOptions;
  edit: Edit;
}

const ZONES_OTHER = ['tlatelolco', 'rarotonga', 'bangkok', 'pelindaba'];
const ALL_ZONES = ['canwfz', ...ZONES_OTHER];
const none = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'none' as const]));
const at = (i: number, rest = '') => `/entries/${i}${rest}`;

/** The row of an instrument (listed by construction in every plan that edits it). */
function row(w: World, id: string): [Entry, number] {
  const i = w.rows.get(id);
  if (i === undefined) throw new Error(`generator: ${id} is not listed`);
  return [w.profile.entries[i]!, i];
}

function setStatus(w: World, id: string, status: string): number {
  const [e, i] = row(w, id);
  e.status = status;
  for (const k of ['signed', 'joined', 'joinedBy', 'inForce', 'withdrawn', 'infcirc', 'reports', 'years'] as const) delete e[k];
  return i;
}

const fmt = (w: World, d: number) => writeDate(d, w.style);

function pair(id: string, status: string, instruments: string[], pointerOf: string): Edit {
  return (w) => {
    setStatus(w, id, status);
    return { instruments, pointer: at(row(w, pointerOf)[1]) };
  };
}

function statesWhere(catalog: Catalog, test: (independence: number, iso3: string) => boolean): string[] {
  return catalog.states.filter((s) => test(s.independence?.date ? day(s.independence.date) : day('1945-10-24'), s.iso3)).map((s) => s.iso3);
}

/** Reports of a Security Council row, with at least a first report dated. */
function reportsOf(w: World, id: string): { e: Entry; i: number; dates: number[] } {
  const [e, i] = row(w, id);
  const dates = [...(w.standing.get(id)?.reports ?? [])];
  if (!dates.length) {
    dates.push(w.today);
    e.reports = [{ date: fmt(w, w.today) }];
  }
  return { e, i, dates };
}

function plans(catalog: Catalog): Record<string, Plan[]> {
  const closed = (id: string) => day(catalog.instrument(id)!.signatureClosed!.date!);
  const eif = (id: string) => day(catalog.instrument(id)!.inForce!.date!);
  const withClosing = catalog.instruments.filter((i) => i.kind === 'treaty' && i.signatureClosed?.date).map((i) => i.id);
  const nonNws = catalog.states.filter((s) => !s.nptNuclearWeaponState).map((s) => s.iso3);
  const sc = catalog.instruments.filter((i) => i.kind === 'security-council-reporting').map((i) => i.id);
  const misnamed = catalog.instruments.filter((i) => i.misnomers?.length).map((i) => i.id);
  const eligible = (zone: string) => nonNws.filter((s) => catalog.instrument(zone)!.zone!.eligibleStates!.includes(s));
  /**
   * Writes the instrument's own dates on its row and says whether a period counted from the later of
   * its entry into force for the state and `from` (plus the period) ended before the profile's date.
   */
  const dueBy = (w: World, id: string, period: { days?: number; months?: number }, from: number): boolean => {
    const s = w.standing.get(id)!;
    const own = s.inForce ?? s.joined;
    if (own === undefined || day(addPeriod(iso(Math.max(own, from)), period)) + 31 >= w.today) return false;
    const [e] = row(w, id);
    e.joined = fmt(w, s.joined!);
    if (s.inForce !== undefined) e.inForce = fmt(w, s.inForce);
    if (s.signed !== undefined) e.signed = fmt(w, s.signed);
    return true;
  };

  return {
    'opcw-requires-cwc': ['none', 'signatory'].map((cwc) => ({
      opts: { force: { cwc: cwc as 'none' }, include: ['cwc', 'opcw'] },
      edit: pair('opcw', 'Member', ['opcw', 'cwc'], 'cwc'),
    })),
    'cwc-requires-opcw': [
      { opts: { force: { cwc: 'party' }, include: ['opcw'] }, edit: pair('opcw', 'Not a member', ['cwc', 'opcw'], 'opcw') },
    ],
    'prepcom-requires-ctbt': [
      {
        opts: { force: { ctbt: 'none' }, include: ['ctbt', 'ctbto-prepcom'] },
        edit: pair('ctbto-prepcom', 'Member', ['ctbto-prepcom', 'ctbt'], 'ctbt'),
      },
    ],
    'ctbt-requires-prepcom': [
      {
        opts: { force: { ctbt: 'signatory' }, include: ['ctbto-prepcom'] },
        // Only once the Commission exists (it was set up eight weeks after the treaty opened).
        edit: (w) =>
          w.today <= day(catalog.instrument('ctbto-prepcom')!.established!.date!)
            ? null
            : pair('ctbto-prepcom', 'Not a member', ['ctbt', 'ctbto-prepcom'], 'ctbto-prepcom')(w, 0),
      },
    ],
    'npt-requires-safeguards': [
      {
        opts: { states: nonNws, asOf: 'date', force: { npt: 'party', ...none(ALL_ZONES) }, include: ['iaea-safeguards'] },
        edit: (w) => {
          // The period of Art. III(4) must be over on the profile's date: the NPT row says when it bound the state.
          if (!dueBy(w, 'npt', { days: 180, months: 18 }, day('1970-03-05'))) return null;
          const i = setStatus(w, 'iaea-safeguards', 'None');
          if (w.rows.has('iaea-additional-protocol')) setStatus(w, 'iaea-additional-protocol', 'None');
          return { instruments: ['npt', 'iaea-safeguards'], pointer: at(i) };
        },
      },
    ],
    'ap-requires-safeguards': [
      {
        opts: { force: { npt: 'none', ...none(ALL_ZONES), 'iaea-safeguards': 'bound', 'iaea-additional-protocol': 'bound' } },
        edit: pair('iaea-safeguards', 'None', ['iaea-additional-protocol', 'iaea-safeguards'], 'iaea-safeguards'),
      },
    ],
    'ap-before-safeguards': [
      {
        opts: { force: { 'iaea-safeguards': 'bound', 'iaea-additional-protocol': 'bound' } },
        edit: (w, k) => {
          const [csa] = row(w, 'iaea-safeguards');
          const [ap, i] = row(w, 'iaea-additional-protocol');
          const from = w.standing.get('iaea-safeguards')!.inForce!;
          csa.inForce = fmt(w, from);
          ap.inForce = fmt(w, Math.max(day('1950-01-01'), from - 1 - (k % 900)));
          return { instruments: ['iaea-additional-protocol', 'iaea-safeguards'], pointer: at(i) };
        },
      },
    ],
    'nwfz-requires-safeguards': [
      ...ZONES_OTHER.map((zone) => ({
        opts: {
          states: eligible(zone),
          asOf: 'date' as const,
          force: { [zone]: 'party' as const, npt: 'none' as const, ...none(ALL_ZONES.filter((z) => z !== zone)) },
          include: ['iaea-safeguards'],
        },
        edit: ((w) => {
          if (!dueBy(w, zone, { days: 180, months: 18 }, 0)) return null;
          setStatus(w, 'iaea-safeguards', 'None');
          if (w.rows.has('iaea-additional-protocol')) setStatus(w, 'iaea-additional-protocol', 'None');
          return { instruments: [zone], pointer: at(row(w, zone)[1]) };
        }) as Edit,
      })),
      {
        opts: {
          states: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'],
          asOf: 'date',
          force: { canwfz: 'party' },
          include: ['iaea-safeguards', 'iaea-additional-protocol'],
        },
        edit: (w) => {
          if (!dueBy(w, 'canwfz', { months: 18 }, eif('canwfz'))) return null;
          setStatus(w, 'iaea-additional-protocol', 'None');
          return { instruments: ['canwfz'], pointer: at(row(w, 'canwfz')[1]) };
        },
      },
    ],
    'canwfz-membership': [
      {
        opts: { states: nonNws.filter((s) => !['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'].includes(s)), force: { canwfz: 'party' } },
        edit: (w) => ({ instruments: ['canwfz'], pointer: at(row(w, 'canwfz')[1]) }),
      },
    ],
    'cbm-requires-btwc': [
      {
        opts: { force: { btwc: 'none' }, include: ['btwc', 'btwc-cbm'] },
        edit: (w) => {
          const i = setStatus(w, 'btwc-cbm', 'Submitted');
          w.profile.entries[i]!.years = [new Date(w.today * 86_400_000).getUTCFullYear() - 1];
          return { instruments: ['btwc-cbm'], pointer: at(i) };
        },
      },
      {
        // Years reported before the state joined, with no footnote naming a predecessor state.
        opts: { states: statesWhere(catalog, (ind) => ind >= day('1990-01-01')), force: { btwc: 'party' }, include: ['btwc-cbm'] },
        edit: (w) => {
          const [btwc] = row(w, 'btwc');
          const joined = w.standing.get('btwc')!.joined!;
          btwc.joined = fmt(w, joined);
          const i = setStatus(w, 'btwc-cbm', 'Submitted');
          delete w.profile.entries[i]!.notes;
          dropUnusedFootnotes(w.profile);
          w.profile.entries[i]!.years = [new Date(joined * 86_400_000).getUTCFullYear() - 1];
          return { instruments: ['btwc-cbm'], pointer: at(i) };
        },
      },
    ],
    'zangger-requires-npt': [
      { opts: { force: { npt: 'none' }, include: ['npt', 'zangger'] }, edit: pair('zangger', 'Member', ['zangger', 'npt'], 'npt') },
    ],
    'nsg-requires-commitment': [
      {
        opts: { asOf: 'date', force: { npt: 'none', ...none(ALL_ZONES) }, include: ['npt', 'nsg'] },
        // France and China were outside the NPT, lawfully, until 1992: only later is it an anomaly.
        edit: (w) =>
          w.state.nptAccession && w.today <= day(w.state.nptAccession.date!)
            ? null
            : pair('nsg', 'Participating Government', ['nsg', 'npt'], 'npt')(w, 0),
      },
    ],
    'australia-group-requires-cwc-btwc': ['cwc', 'btwc'].map((t) => ({
      opts: { asOf: 'date' as const, force: { [t]: 'none' as const }, include: ['cwc', 'btwc', 'australia-group'] },
      // One finding per treaty the participant lacks, at that treaty's row — once the treaty is in force.
      edit: ((w) => (w.today <= eif(t) ? null : pair('australia-group', 'Participant', [t], t)(w, 0))) as Edit,
    })),
    'protocol-requires-parent': catalog.instruments
      .filter((i) => i.parent)
      .map((p) => ({
        opts: { force: { [p.id]: 'party' as const, [p.parent!]: 'none' as const }, include: [p.parent!] },
        edit: ((w) => ({ instruments: [p.id], pointer: at(row(w, p.id)[1]) })) as Edit,
      })),
    'status-vocabulary': [
      {
        opts: {},
        edit: (w, k) => {
          const cands = w.profile.entries
            .map((e, i) => [e, i] as const)
            .filter(([e]) => e.instrument && e.status === catalog.kindOf(e.instrument)?.absent);
          if (!cands.length) return null;
          const [e, i] = cands[k % cands.length]!;
          const kind = catalog.kindOf(e.instrument!)!;
          const taken = new Set([
            ...catalog.statusesOf(e.instrument!),
            ...kind.bound,
            ...(kind.signed ?? []),
            ...(kind.consented ?? []),
            'Withdrawn',
          ]);
          const foreign = [...new Set([...Object.values(catalog.kinds).flatMap((x) => x.statuses), 'Party', 'Acceded', 'Yes'])].filter(
            (x) => !taken.has(x),
          );
          e.status = foreign[k % foreign.length]!;
          return { instruments: [e.instrument!], pointer: at(i) };
        },
      },
    ],
    'party-before-entry-into-force': catalog.instruments
      .filter((i) => i.kind === 'treaty' && i.inForce?.notInForce)
      .map((t) => ({
        opts: { force: { [t.id]: 'consented' as const } },
        edit: ((w) => ({ instruments: [t.id], pointer: at(setStatusKeep(w, t.id, 'State Party')) })) as Edit,
      })),
    'signature-window': [
      ...withClosing.map((id) => ({
        // States that could not sign before it closed (the Ukrainian and Byelorussian SSRs could: treaty capacity of their own).
        opts: {
          states: catalog.states
            .filter((x) => day(x.treatyCapacity?.date ?? x.independence?.date ?? '1945-10-24') > closed(id))
            .map((x) => x.iso3),
          force: { [id]: 'none' as const },
          include: [id],
        },
        edit: ((w) => ({ instruments: [id], pointer: at(setStatus(w, id, 'Signatory')) })) as Edit,
      })),
      ...withClosing.map((id) => ({
        opts: { states: statesWhere(catalog, (ind) => ind < closed(id) - 400), force: { [id]: 'signatory' as const } },
        edit: ((w, k) => {
          if (w.today <= closed(id) + 1) return null;
          const [e, i] = row(w, id);
          e.signed = fmt(w, closed(id) + 1 + (k % Math.max(1, w.today - closed(id) - 1)));
          return { instruments: [id], pointer: at(i) };
        }) as Edit,
      })),
    ],
    'report-before-adoption': sc.map((id) => ({
      opts: { force: { [id]: 'bound' as const } },
      edit: ((w, k) => {
        const { e, i } = reportsOf(w, id);
        e.reports![0]!.date = fmt(w, day(adoptionOf(catalog, id)!) - 1 - (k % 700));
        return { instruments: [id], pointer: at(i, '/reports/0') };
      }) as Edit,
    })),
    'addendum-before-report': sc.map((id) => ({
      opts: { force: { [id]: 'bound' as const } },
      edit: ((w, k) => {
        const { e, i, dates } = reportsOf(w, id);
        const n = e.reports!.length;
        const last = dates[dates.length - 1]!;
        const adopted = day(adoptionOf(catalog, id)!);
        // An addendum dated before the entry it follows, or one numbered out of turn.
        if (k % 2 && last > adopted) e.reports!.push({ addendum: n, date: fmt(w, adopted + (k % (last - adopted))) });
        else e.reports!.push({ addendum: n + 1 + (k % 3), date: fmt(w, last) });
        return { instruments: [id], pointer: at(i, `/reports/${n}`) };
      }) as Edit,
    })),
    'date-before-entry-into-force': ['npt', 'cwc', 'cppnm', 'financing', 'icsant', 'hostages'].map((id) => ({
      opts: { force: { [id]: 'party' as const } },
      edit: ((w, k) => {
        const [e, i] = row(w, id);
        e.inForce = fmt(w, eif(id) - 1 - (k % 3000));
        delete e.joined;
        return { instruments: [id], pointer: at(i) };
      }) as Edit,
    })),
    'date-after-as-of': (['date', 'window'] as const).map((asOf) => ({
      opts: { asOf, force: { 'unscr-1540': 'bound' } },
      edit: ((w, k) => {
        const { e, i } = reportsOf(w, 'unscr-1540');
        const n = e.reports!.length;
        e.reports!.push({ addendum: n, date: fmt(w, w.today + 1 + (k % 700)) });
        return { instruments: ['unscr-1540'], pointer: at(i, `/reports/${n}/date`) };
      }) as Edit,
    })),
    'ambiguous-date': [
      {
        opts: { dates: 'iso', states: statesWhere(catalog, (ind) => ind < day('1993-01-01')), force: { cwc: 'signatory' } },
        edit: (w, k) => {
          const [e, i] = row(w, 'cwc');
          const m = 1 + (k % 12);
          const d = 1 + ((m + (k % 11)) % 12);
          if (d === m) return null;
          e.signed = `${m}/${d}/${String(new Date(w.standing.get('cwc')!.signed! * 86_400_000).getUTCFullYear()).slice(2)}`;
          return { instruments: ['cwc'], pointer: at(i, '/signed') };
        },
      },
    ],
    // A CWC signature written numerically, every other date in ISO form: declared day-first (date-form),
    // or month-first with a day past the 12th, which settles the order without declaring it.
    'date-form': [
      {
        opts: { dates: 'iso', states: statesWhere(catalog, (ind) => ind < day('1993-01-01')), force: { cwc: 'signatory' } },
        edit: (w, k) => {
          const [e, i] = row(w, 'cwc');
          const signed = w.standing.get('cwc')!.signed!;
          w.profile.dateOrder = 'day-first';
          e.signed = writeDate(signed, { kind: 'numeric', order: 'day-first', pad: k % 2 === 0 });
          return { instruments: ['cwc'], pointer: at(i, '/signed') };
        },
      },
    ],
    'date-order-declared': [
      {
        opts: { dates: 'iso', states: statesWhere(catalog, (ind) => ind < day('1993-01-01')), force: { cwc: 'signatory' } },
        edit: (w, k) => {
          const [e, i] = row(w, 'cwc');
          const signed = w.standing.get('cwc')!.signed!;
          if (Number(iso(signed).slice(8, 10)) <= 12) return null;
          e.signed = writeDate(signed, { kind: 'numeric', order: 'month-first', pad: k % 2 === 0 });
          return { instruments: [], pointer: at(i, '/signed') };
        },
      },
    ],
    'invalid-date': [
      {
        opts: { force: { cwc: 'party' } },
        edit: (w, k) => {
          const [e, i] = row(w, 'cwc');
          e.joined =
            w.style.kind === 'iso'
              ? `${1997 + (k % 20)}-02-30`
              : w.style.order === 'month-first'
                ? `13/${1 + (k % 12)}/05`
                : `${1 + (k % 12)}/13/05`;
          return { instruments: ['cwc'], pointer: at(i, '/joined') };
        },
      },
    ],
    'footnote-undefined': [
      {
        opts: {},
        edit: (w, k) => {
          if (!w.profile.entries.length) return null;
          const i = k % w.profile.entries.length;
          const e = w.profile.entries[i]!;
          e.notes = [...(e.notes ?? []), nextMarker(w.profile)];
          return { instruments: [], pointer: at(i, `/notes/${e.notes.length - 1}`) };
        },
      },
    ],
    'footnote-unused': [
      {
        opts: {},
        edit: (w) => {
          const notes = (w.profile.footnotes ??= []);
          notes.push({ marker: nextMarker(w.profile), text: 'A note no row refers to.' });
          return { instruments: [], pointer: `/footnotes/${notes.length - 1}` };
        },
      },
    ],
    'footnote-duplicate': [
      {
        opts: {},
        edit: (w, k) => {
          if (!w.profile.entries.length) return null;
          const e = w.profile.entries[k % w.profile.entries.length]!;
          const notes = (w.profile.footnotes ??= []);
          const a = nextMarker(w.profile);
          notes.push({ marker: a, text: 'Information as published.' }, { marker: a + 1, text: 'Information  as published.' });
          e.notes = [...(e.notes ?? []), a, a + 1];
          return { instruments: [], pointer: `/footnotes/${notes.length - 1}` };
        },
      },
    ],
    'instrument-name': misnamed.map((id) => ({
      opts: { include: [id] },
      edit: ((w, k) => {
        const [e, i] = row(w, id);
        const names = catalog.instrument(id)!.misnomers!;
        e.name = names[k % names.length]!.name;
        return { instruments: [id], pointer: at(i) };
      }) as Edit,
    })),
    'duplicate-instrument': [
      {
        opts: {},
        edit: (w, k) => {
          if (!w.profile.entries.length) return null;
          const e = w.profile.entries[k % w.profile.entries.length]!;
          w.profile.entries.push(structuredClone(e));
          return { instruments: [e.instrument!], pointer: at(w.profile.entries.length - 1) };
        },
      },
    ],
    'unknown-instrument': [
      {
        opts: {},
        edit: (w, k) => {
          w.profile.entries.splice(k % (w.profile.entries.length + 1), 0, {
            name: 'Treaty of Atlantis on Imaginary Matters',
            status: 'State Party',
          });
          const i = w.profile.entries.findIndex((e) => !e.instrument);
          return { instruments: [], pointer: at(i) };
        },
      },
    ],
    'nwfz-membership': ZONES_OTHER.map((zone) => ({
      opts: {
        states: nonNws.filter((x) => !eligible(zone).includes(x)),
        force: { [zone]: 'party' as const, ...none(ALL_ZONES.filter((z) => z !== zone)) },
      },
      edit: ((w) => ({ instruments: [zone], pointer: at(row(w, zone)[1]) })) as Edit,
    })),
    'party-before-own-entry-into-force': [
      {
        opts: { asOf: 'date', force: { cwc: 'party' } },
        // Deposited less than 30 days before the profile's date (CWC Art. XXI(2)), yet listed as a party.
        edit: (w, k) => {
          const [e, i] = row(w, 'cwc');
          const joined = w.today - (k % 29);
          const signed = w.standing.get('cwc')!.signed;
          for (const key of ['signed', 'joined', 'inForce'] as const) delete e[key];
          if (signed !== undefined && signed <= joined) e.signed = fmt(w, signed);
          e.joined = fmt(w, joined);
          return { instruments: ['cwc'], pointer: at(i) };
        },
      },
    ],
    'withdrawal-after-joining': [
      {
        opts: { force: { cwc: 'withdrawn' } },
        edit: (w, k) => {
          const [e, i] = row(w, 'cwc');
          const joined = w.standing.get('cwc')!.joined!;
          for (const key of ['signed', 'inForce'] as const) delete e[key];
          e.joined = fmt(w, joined);
          e.withdrawn = fmt(w, joined - 1 - (k % 300));
          return { instruments: ['cwc'], pointer: at(i) };
        },
      },
    ],
    'withdrawal-notice': [
      {
        opts: { states: nonNws.filter((x) => !NON_NPT.includes(x)), asOf: 'date', force: { npt: 'party', ...none(ALL_ZONES) } },
        // Notice given less than three months before the profile's date (NPT Art. X(1)).
        edit: (w, k) => {
          const [e, i] = row(w, 'npt');
          const s = w.standing.get('npt')!;
          const notice = Math.max((s.inForce ?? s.joined!) + 1, w.today - (k % 85));
          e.status = 'Withdrawn';
          e.withdrawn = fmt(w, notice);
          // The listed withdrawal leaves the regimes that rest on the NPT unqualified: drop them.
          for (const id of ['zangger', 'nsg']) if (w.rows.has(id)) setStatus(w, id, 'Not a member');
          return { instruments: ['npt'], pointer: at(i) };
        },
      },
    ],
    'state-code': [
      {
        opts: { force: none(ALL_ZONES) },
        edit: (w, k) => {
          const unused = ['BRZ', 'QQQ', 'XXA', 'ZZZ', 'KAX'].filter((c) => !catalog.stateByCode(c));
          w.profile.state.iso3 = unused[k % unused.length]!;
          return { instruments: [], pointer: '/state' };
        },
      },
    ],
    'state-name-code': [
      {
        opts: {},
        // The code stays right; the name becomes another state's.
        edit: (w, k) => {
          const others = catalog.states.filter((x) => x.iso3 !== w.state.iso3 && catalog.state(x.name) === x);
          w.profile.state.name = others[k % others.length]!.name;
          return { instruments: [], pointer: '/state' };
        },
      },
    ],
    'as-of-window': [
      {
        opts: { asOf: 'window' },
        edit: (w) => {
          const a = w.profile.asOf as { from: string; to: string };
          if (a.from === a.to) return null;
          w.profile.asOf = { from: a.to, to: a.from };
          return { instruments: [], pointer: '/asOf' };
        },
      },
    ],
    'date-needed': [
      {
        opts: { states: nonNws, asOf: 'none', force: { npt: 'party', ...none(ALL_ZONES) }, include: ['iaea-safeguards'] },
        // An NPT party without safeguards, with neither an as-of date nor a date on the NPT row.
        edit: (w) => {
          const [e, i] = row(w, 'npt');
          for (const key of ['signed', 'joined', 'joinedBy', 'inForce'] as const) delete e[key];
          setStatus(w, 'iaea-safeguards', 'None');
          if (w.rows.has('iaea-additional-protocol')) setStatus(w, 'iaea-additional-protocol', 'None');
          return { instruments: ['npt'], pointer: at(i) };
        },
      },
    ],
  };
}

/** Keeps the row's dates: only the status word changes. */
function setStatusKeep(w: World, id: string, status: string): number {
  const [e, i] = row(w, id);
  e.status = status;
  return i;
}

const nextMarker = (p: Profile) => Math.max(0, ...(p.footnotes ?? []).map((f) => f.marker), ...p.entries.flatMap((e) => e.notes ?? [])) + 1;

function dropUnusedFootnotes(p: Profile): void {
  const used = new Set(p.entries.flatMap((e) => e.notes ?? []));
  if (p.footnotes) p.footnotes = p.footnotes.filter((f) => used.has(f.marker));
  if (p.footnotes?.length === 0) delete p.footnotes;
}

const cache = new Map<Catalog, Record<string, Plan[]>>();
function plansOf(catalog: Catalog): Record<string, Plan[]> {
  let p = cache.get(catalog);
  if (!p) cache.set(catalog, (p = plans(catalog)));
  return p;
}

/** Rules `violating` can break (every rule of the bundled set; `schema` is a check, not a rule file). */
export const GENERATABLE_RULES: string[] = Object.keys(plans(loadCatalog())).sort();

/**
 * A profile that breaks `ruleId`, with the finding it must draw. The profile is consistent apart from
 * that one break, so it should draw no other error or warning.
 */
export function violating(ruleId: string, opts: { catalog?: Catalog } = {}): fc.Arbitrary<Violation> {
  const catalog = opts.catalog ?? loadCatalog();
  const variants = plansOf(catalog)[ruleId];
  if (!variants) throw new Error(`violating: no generator for rule "${ruleId}" (generatable: ${GENERATABLE_RULES.join(', ')})`);
  const arbs = variants.map((plan) =>
    fc
      .tuple(worldArb({ ...plan.opts, catalog }), fc.nat({ max: 9999 }))
      .map(([w, k]): Violation | null => {
        const got = plan.edit(w, k);
        w.rows = rowsOf(w.profile);
        return got ? { profile: w.profile, finding: { ruleId, ...got } } : null;
      })
      .filter((v): v is Violation => v !== null),
  );
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}
