// A .json file must be JSON: YAML, which reads it, would also take a trailing comma or a bare key.
import { describe, it, expect } from 'vitest';
import { parseYamlDocument } from '../../src/load/yaml.js';

const problems = (text: string) => parseYamlDocument(text, 'json').problems;

describe('strict JSON', () => {
  it('refuses a trailing comma, at the comma', () => {
    expect(problems('{"a": [1, 2,\n]}')).toEqual([
      { message: 'JSON does not allow a comma before `]`: remove it, or write the profile as YAML', line: 1, column: 12 },
    ]);
    expect(problems('{"a": 1 ,  }')).toEqual([
      { message: 'JSON does not allow a comma before `}`: remove it, or write the profile as YAML', line: 1, column: 9 },
    ]);
  });

  it('takes commas between strings and brackets inside strings', () => {
    expect(problems('{"a": ["x",\n  "y"], "b": ",]", "c": "\\",}"}')).toEqual([]);
  });

  it('refuses what JSON.parse refuses even when YAML reads it', () => {
    const [p] = problems('{\n  a: 1\n}');
    expect(p).toMatchObject({ line: 2, column: 3 });
    expect(p!.message).toMatch(/^not valid JSON: /);
    expect(parseYamlDocument('{\n  a: 1,\n}', 'yaml').problems).toEqual([]);
  });
});
