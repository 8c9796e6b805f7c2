// Correct profiles of the past, written from depositary records (each file names its sources): a
// nuclear-weapon State outside the NPT before 1992, a zone party within its safeguards period, a
// predecessor state with treaty actions of its own, an Australia Group participant before the CWC was
// in force. Each once drew a false alarm; now every rule runs on them and none may find anything.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadPath } from '../../src/load/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import { root } from '../helpers.js';

const catalog = loadCatalog();
const run = ruleRunner(loadRuleSet({}, catalog));
const dir = join(root, 'test', 'fixtures', 'history');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('correct historical profiles draw no finding', () => {
  it('has the four eras', () => {
    expect(files).toEqual(['france-1991.yaml', 'kyrgyzstan-2010.yaml', 'ukrainian-ssr-1974.yaml', 'united-states-1996.yaml']);
  });
  for (const f of files) {
    it(f, async () => {
      const file = join(dir, f);
      const report = await checkLoaded(loadPath(file, catalog), file, { rules: run });
      expect(report.findings.map((x) => `${x.ruleId} ${x.pointer}: ${x.message}`)).toEqual([]);
    });
  }
  it('the same profiles a few years on draw what became wrong', async () => {
    // France in 1993 still listed outside the NPT; Kyrgyzstan in 2012 with the protocol still only signed.
    const later = async (f: string, asOf: string) => {
      const file = join(dir, f);
      const loaded = loadPath(file, catalog);
      loaded.profile!.asOf = asOf;
      return (await checkLoaded(loaded, file, { rules: run })).findings.map((x) => x.ruleId);
    };
    expect(await later('france-1991.yaml', '1993-06-30')).toEqual(['nsg-requires-commitment']);
    expect(await later('kyrgyzstan-2010.yaml', '2011-06-30')).toEqual(['nwfz-requires-safeguards']);
  });
});
