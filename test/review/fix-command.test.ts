// The command under each fix on the review page is copied into a shell by a reviewer: whatever the
// file name or fingerprint holds (the profile's own words), the shell must give back exactly those
// words as the command's arguments, and a file name must never be read as an option.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { fixCommands } from '../../src/review/fix-command.js';
import type { Finding } from '../../src/model/finding.js';

const finding = (file: string, fingerprint: string) =>
  ({ file, fingerprint, ruleId: 'status-vocabulary', fix: { title: 't', edits: [] } }) as unknown as Finding;

/** The arguments a POSIX shell reads from a command line (after `npx adherence`). */
const argv = (command: string) =>
  execFileSync('sh', ['-c', `set -- ${command.replace(/^npx adherence /, '')}; printf '%s\\0' "$@"`], { encoding: 'utf8' })
    .split('\0')
    .slice(0, -1);

describe('fix commands on the review page', () => {
  it('a plain name stays as it is', () => {
    expect(fixCommands(finding('kz.yaml', 'status-vocabulary:KAZ:hcoc'))).toEqual([
      "npx adherence check kz.yaml --fix --fix-id 'status-vocabulary:KAZ:hcoc#fix'",
    ]);
  });

  it('a file named like an option is given as ./name', () => {
    const [command] = fixCommands(finding('--output=victim.yaml', 'x'));
    expect(argv(command!)).toEqual(['check', './--output=victim.yaml', '--fix', '--fix-id', 'x#fix']);
  });

  it('any file name and fingerprint come back from the shell word for word', () => {
    // The shell's own characters, mixed with any text (valid Unicode: a file name is bytes, a page is text).
    const special = fc.constantFrom(...`'"\\$\`\n\t *?;&|!#~(){}<>=-`);
    const word = fc.string({
      unit: fc.oneof(special, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(word, word, (file, print) => {
        const [command] = fixCommands(finding(file, print));
        expect(argv(command!)).toEqual(['check', file.startsWith('-') ? `./${file}` : file, '--fix', '--fix-id', `${print}#fix`]);
      }),
      { numRuns: 60 },
    );
  });
});
