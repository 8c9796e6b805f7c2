import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/index.js';
import { validateAgainst } from '../../src/schema/index.js';
import { root } from '../helpers.js';

const catalog = loadCatalog();

describe('catalogues', () => {
  it.each(readdirSync(join(root, 'rules/catalog')))('%s matches the catalogue schema', (file) => {
    const data = parse(readFileSync(join(root, 'rules/catalog', file), 'utf8'));
    expect(validateAgainst('catalog.schema.json', data)).toEqual([]);
  });

  it('covers the 193 UN member states and the two observer states', () => {
    expect(catalog.states.filter((s) => s.un === 'member')).toHaveLength(193);
    expect(
      catalog.states
        .filter((s) => s.un === 'observer')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['Holy See', 'State of Palestine']);
    expect(
      catalog.states
        .filter((s) => s.nptNuclearWeaponState)
        .map((s) => s.iso3)
        .sort(),
    ).toEqual(['CHN', 'FRA', 'GBR', 'RUS', 'USA']);
    expect(catalog.state('Kazakhstan')?.independence?.date).toBe('1991-12-16');
    expect(catalog.state('Iran (Islamic Republic of)')?.iso3).toBe('IRN');
  });

  it('has one instrument per id, each with a kind it knows and references that resolve', () => {
    const ids = catalog.instruments.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of catalog.instruments) {
      expect(catalog.kinds[i.kind], i.id).toBeDefined();
      for (const ref of [i.organization, i.treaty, i.parent]) if (ref) expect(catalog.instrument(ref), `${i.id} → ${ref}`).toBeDefined();
    }
  });

  it('knows the misnomers of the published profile', () => {
    expect(catalog.matchName('Central Asia Nuclear-Weapon-Free-Zone (CANWZ)')).toMatchObject({
      instrument: { id: 'canwfz' },
      misnomer: expect.any(String),
    });
    expect(catalog.matchName('Organization for the Prohibition of Chemical Weapons² (OPCW)')?.instrument.id).toBe('opcw');
  });
});
