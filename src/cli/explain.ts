import { HELP, DEBUG, LIMITS, DATE_ORDER, RULES_DIR, limitsFrom } from './args.js';
import { parseOptions, oneOf, optionsHelp, type OptionTable } from './options.js';
import { loadRules, ruleFolders } from './ruleset.js';
import { readConfig } from './config.js';
import { UsageError, EXIT } from './errors.js';
import { loadCatalog } from '../catalog/index.js';
import { checkLoaded } from '../check.js';
import { loadPath } from '../load/index.js';
import { buildFacts } from '../facts/index.js';
import { scopeRuns, type Rule } from '../engine/index.js';
import { explainRule, treeText, type ExplainNode } from '../review/explain.js';
import { showControls } from '../report/escape.js';

export const OPTIONS = {
  rule: { value: 'ID', help: 'the rule to explain (`adherence rules` lists them); required' },
  at: { value: 'POINTER', help: 'only the run on this row, e.g. `/entries/6`' },
  all: { help: 'also show the runs where the rule did not fire' },
  format: { short: 'f', value: 'NAME', parse: oneOf(['text', 'json'] as const), help: '`text` (default) or `json`' },
  ...DATE_ORDER,
  ...RULES_DIR,
  config: { short: 'c', value: 'FILE', help: 'configuration, for its `rulesDir` and `dateOrder` (default: the one found from the working folder up)' },
  ...LIMITS,
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence explain <profile> --rule ID [options]

Shows why a rule fired, or did not, on one profile: the rule's condition tree with the value of
every fact it read, the value it was compared with, and whether each test held (✓), failed (✗) or
was not evaluated (·). Rules of a row scope (entry, report, footnote, note, date) run once per row:
the runs where the rule fired are shown, or all of them with --all, or one with --at.

Options:
${optionsHelp(OPTIONS)}

Exit codes: 0 explained; 1 the profile does not load or match the schema (rules do not run on it);
2 usage error or unknown rule.
`;

interface RunView {
  /** "profile" or the row's pointer and label. */
  on: string;
  pointer: string | null;
  fired: boolean;
  tree: ExplainNode;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('explain takes one profile file (or - for standard input)');
  if (!values.rule) throw new UsageError('explain needs --rule ID (adherence rules lists them)');
  const format = values.format ?? 'text';
  const config = readConfig(values.config);
  const dateOrder = values['date-order'] ?? config.dateOrder;
  const catalog = loadCatalog();
  const rule: Rule = loadRules({ only: [values.rule], ...ruleFolders(values, config) }, catalog).rules[0]!;
  const file = positionals[0]!;
  const limits = limitsFrom(values);
  const loaded = loadPath(file, catalog, limits);
  const base = await checkLoaded(loaded, file, {});
  const blocking = base.findings[0];
  if (blocking || !loaded.profile) {
    process.stderr.write(showControls(`${file}:${blocking?.line ?? 1}:${blocking?.column ?? 1}: ${blocking?.message ?? 'not a profile'} (rules run only on a profile that loads and matches the schema)`) + '\n');
    return EXIT.findings;
  }
  const doc = buildFacts(loaded.profile, catalog, { ...(dateOrder ? { dateOrder } : {}) });
  const views: RunView[] = [];
  const runs = scopeRuns(doc, rule.scope);
  for (const facts of runs) {
    const item = rule.scope === 'profile' ? undefined : (facts[rule.scope] as Record<string, unknown>);
    const pointer = item ? String(item.pointer ?? '') : null;
    if (values.at !== undefined && pointer !== values.at) continue;
    const ex = explainRule(rule, facts);
    const label = item ? [item.label, item.instrument, item.text, item.marker].find((x) => typeof x === 'string' || typeof x === 'number') : undefined;
    views.push({ on: item ? `${pointer}${label !== undefined ? ` (${String(label)})` : ''}` : 'the profile', pointer, fired: ex.fired, tree: ex.tree });
  }
  if (values.at !== undefined && views.length === 0) throw new UsageError(`rule ${rule.id} (scope ${rule.scope}) has no run at ${values.at}`);
  const fired = views.filter((v) => v.fired);
  const shown = values.all || values.at !== undefined || rule.scope === 'profile' ? views : fired;
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ rule: { id: rule.id, title: rule.title, severity: rule.severity, scope: rule.scope, basis: rule.basis }, file, runs: runs.length, fired: fired.length, shown }, null, 2) + '\n');
    return EXIT.ok;
  }
  const out = [
    `${rule.id}: ${rule.title}`,
    `  ${rule.severity}, ${rule.category}; basis: ${rule.basis}${rule.confidence === 'unconfirmed' ? ' (unconfirmed)' : ''}`,
    `  ${file} (${loaded.profile.state.name}): ${rule.scope === 'profile' ? (fired.length ? 'fires' : 'does not fire') : `${values.at !== undefined ? `${rule.scope} run at ${values.at} of ${runs.length}` : `fires on ${fired.length} of ${runs.length} ${rule.scope} run${runs.length === 1 ? '' : 's'}`}`}`,
    '',
  ];
  for (const v of shown) out.push(`${v.fired ? 'FIRES' : 'does not fire'} on ${v.on}:`, ...treeText(v.tree, '  '), '');
  if (!shown.length) out.push(`Nothing fired. --all shows the ${views.length} run${views.length === 1 ? '' : 's'}, --at POINTER one of them.`, '');
  out.push('✓ holds  ✗ fails  · not evaluated');
  // Values in the tree come from the profile: shown escaped, never obeyed by the terminal.
  process.stdout.write(showControls(out.join('\n'), '\n') + '\n');
  return EXIT.ok;
}
