// adherence/testing: fast-check arbitraries of state profiles (consistent, breaking one rule, published
// text, hostile input) and the properties the rule set must keep.
import type fc from 'fast-check';
import type { Profile } from '../model/profile.js';
import { worldArb, type ProfileOptions } from './world.js';

export type { ProfileOptions, Want, World } from './world.js';
export { worldArb } from './world.js';
export { violating, GENERATABLE_RULES, type Violation, type ExpectedFinding } from './violations.js';
export { publishedText, publishedProfile, hostileInput, type HostileInput } from './arbitraries.js';
export { makeChecker, checkerFor, serious, type ProfileChecker, type RuleFolders } from './checker.js';
export { PROPERTIES, propertyOf, sameFindings, type PropertyName, type PropertyOptions } from './properties.js';

/** Profiles that satisfy every rule by construction (no error or warning; info findings may occur). */
export function consistentProfile(opts: ProfileOptions = {}): fc.Arbitrary<Profile> {
  return worldArb(opts).map((w) => w.profile);
}
