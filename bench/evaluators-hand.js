// The yardstick: the bundled rules written by hand as plain JavaScript over the same facts, kept
// here only. `evaluators.js` checks that these give the same hits as the compiled rules before timing them.
// A rule added to rules/ without a hand-written twin here is left out of the comparison (and named).
const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const before = (a, b) => isDate(a) && isDate(b) && a < b;
const after = (a, b) => isDate(a) && isDate(b) && a > b;
const set = (v) => v !== null && v !== undefined;

/** rule id → (base facts, scope item) → fires. */
export const HAND = {
  'addendum-before-report': (_b, r) => before(r.date, r.previousDate) || r.addendum !== r.expectedAddendum,
  'ambiguous-date': (_b, d) => d.ambiguous === true,
  'ap-before-safeguards': (b) =>
    b['iaea-additional-protocol'].present &&
    b['iaea-safeguards'].present &&
    before(b['iaea-additional-protocol'].inForceDate, b['iaea-safeguards'].inForceDate),
  'ap-requires-safeguards': (b) => {
    const ap = b['iaea-additional-protocol'];
    const sg = b['iaea-safeguards'];
    return sg.present && ((ap.signed && !sg.signed) || (ap.bound && !sg.bound));
  },
  'australia-group-requires-cwc-btwc': (b, e) =>
    (e.id === 'cwc' || e.id === 'btwc') && e.bound === false && b['australia-group'].bound === true,
  'canwfz-membership': (b) =>
    b.canwfz.signed && set(b.state.iso3) && Array.isArray(b.canwfz.eligibleStates) && !b.canwfz.eligibleStates.includes(b.state.iso3),
  'cbm-requires-btwc': (b, e) => {
    if (e.id !== 'btwc-cbm' || !e.bound || !b.btwc.present) return false;
    if (!b.btwc.bound) return true;
    return set(b.btwc.joinedYear) && set(e.earliestYear) && e.earliestYear < b.btwc.joinedYear && !e.noteNamesPredecessor;
  },
  'ctbt-requires-prepcom': (b) => b.ctbt.signed && b['ctbto-prepcom'].present && !b['ctbto-prepcom'].bound,
  'cwc-requires-opcw': (b) => b.cwc.bound && b.opcw.present && !b.opcw.bound,
  'date-after-as-of': (_b, d) => d.after === true,
  'date-before-entry-into-force': (_b, e) =>
    e.known && (before(e.inForceDate, e.entryIntoForce) || before(e.inForceDate, e.signedDate) || before(e.joinedDate, e.signedDate)),
  'duplicate-instrument': (_b, e) => set(e.duplicateOf),
  'footnote-duplicate': (_b, f) => set(f.duplicateOf),
  'footnote-undefined': (_b, n) => n.defined === false,
  'footnote-unused': (_b, f) => f.referenced === false,
  'instrument-name': (_b, e) => set(e.misnomer),
  'invalid-date': (_b, d) => d.invalid === true,
  'npt-requires-safeguards': (b) => b.npt.bound && !b.state.nws && b['iaea-safeguards'].present && !b['iaea-safeguards'].bound,
  'nsg-requires-commitment': (b) => b.nsg.bound && b.npt.present && !b.npt.bound && !b.profile.zoneParty,
  'nwfz-requires-safeguards': (b, e) => {
    if (!e.isZone || !e.bound) return false;
    const sg = b['iaea-safeguards'];
    const ap = b['iaea-additional-protocol'];
    return (sg.present && !sg.bound) || (e.zoneAlsoRequires.includes('iaea-additional-protocol') && ap.present && !ap.bound);
  },
  'opcw-requires-cwc': (b) => b.opcw.bound && b.cwc.present && !b.cwc.bound,
  'party-before-entry-into-force': (b, e) =>
    e.known && e.kind === 'treaty' && e.status === 'State Party' && (e.notInForce || after(e.entryIntoForce, b.profile.asOfLatest)),
  'prepcom-requires-ctbt': (b) => b['ctbto-prepcom'].bound && b.ctbt.present && !b.ctbt.signed,
  'protocol-requires-parent': (_b, e) => set(e.parent) && e.bound && e.parentPresent && !e.parentBound,
  'report-before-adoption': (_b, r) => before(r.date, r.adopted),
  'signature-window': (b, e) =>
    e.known && e.status === 'Signatory' && (before(e.signatureClosed, b.state.independence) || after(e.signedDate, e.signatureClosed)),
  'status-vocabulary': (_b, e) => e.known && !e.statusValid,
  'unknown-instrument': (_b, e) => !e.known,
  'zangger-requires-npt': (b) => b.zangger.bound && b.npt.present && !b.npt.bound,
};

/** An evaluator with the compiled one's shape, from the hand-written rules. */
export function handEvaluator(rules) {
  const byScope = new Map();
  for (const rule of rules) {
    const list = byScope.get(rule.scope) ?? [];
    list.push({ rule, test: HAND[rule.id] });
    byScope.set(rule.scope, list);
  }
  const scopes = [...byScope];
  const runSync = (doc) => {
    const hits = [];
    for (const [scope, list] of scopes) {
      const items = scope === 'profile' ? [undefined] : doc[scope];
      for (const item of items) {
        let merged;
        for (const { rule, test } of list) {
          if (test(doc.base, item))
            hits.push({ rule, facts: (merged ??= scope === 'profile' ? doc.base : { ...doc.base, [scope]: item }) });
        }
      }
    }
    return hits;
  };
  return { runSync, run: async (doc) => runSync(doc) };
}
