/**
 * The name pool (main thread only: it reads faker's English lists, ~3,000 first names against the
 * seed's 79): first names drawn uniformly from it, and last-name initials drawn as the first letter
 * of a random English surname, so common initials (S., M., B.) come up as often as in life.
 */
import { en } from '@faker-js/faker';

const PERSON = en.person!;

/** First names, female, male and unisex, without repeats, in faker's order. */
export const FIRST_NAMES: readonly string[] = [
  ...new Set([...PERSON.first_name!.female!, ...PERSON.first_name!.male!, ...PERSON.first_name!.generic!]),
];

const SURNAMES = PERSON.last_name!.generic!;

/** The char code of a last-name initial, for a uniform u. */
export function initialOf(u: number): number {
  return SURNAMES[Math.floor(u * SURNAMES.length)]!.toUpperCase().charCodeAt(0);
}
