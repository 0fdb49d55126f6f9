import { CATEGORIES, type Category } from '../vocabulary.js';

/**
 * Review titles and bodies that match their stars (and name what the category sells), built once
 * per worker as a table: a review picks an entry, never builds a string.
 */

const TITLES: readonly (readonly string[])[] = [
  ['Very disappointed', 'Do not buy', 'Broke after a week', 'Waste of money', 'Not as described'],
  ['Not great', 'Below expectations', 'Meh, would not buy again', 'Cheaply made'],
  ['It is okay', 'Decent for the price', 'Mixed feelings', 'Average'],
  ['Pretty good', 'Happy with it', 'Good value', 'Solid purchase', 'Would recommend'],
  ['Love it!', 'Excellent', 'Exactly what I wanted', 'Five stars', 'Best purchase this year', 'Perfect'],
];

const BODIES: readonly (readonly string[])[] = [
  [
    'The {thing} stopped working almost right away. Sent it back.',
    'Nothing like the photos. The {thing} feels cheap and I regret ordering it.',
    'Arrived damaged and customer service was no help. Avoid.',
  ],
  [
    'The {thing} works, but the quality is worse than I expected for the price.',
    'Had high hopes for this {thing}. It does the job, barely.',
    'Not terrible, but I would look elsewhere next time.',
  ],
  [
    'The {thing} is fine. Nothing special, nothing wrong.',
    'Does what it says. Shipping took a while.',
    'Some things I like about this {thing}, some I do not. It is okay.',
  ],
  [
    'Good {thing}, does what I needed. Would buy again.',
    'Nice quality for the price. Only a small complaint about the packaging.',
    'Happy with this {thing}. Arrived on time and as described.',
  ],
  [
    'Absolutely love this {thing}! Great quality and fast shipping.',
    'Exactly as described. This {thing} exceeded my expectations.',
    'Bought one for myself and one as a gift. Highly recommend!',
  ],
];

const THING: Readonly<Record<Category, string>> = {
  electronics: 'device',
  apparel: 'piece',
  shoes: 'pair',
  home_kitchen: 'item',
  beauty: 'product',
  sports_outdoors: 'gear',
  books: 'book',
  toys_games: 'toy',
  grocery: 'product',
  pet_supplies: 'product',
};

/** What the category adds to a review of a given rating (index 0 = 1 star), if anything. */
const EXTRA: Partial<Record<Category, readonly string[]>> = {
  apparel: [
    'Runs two sizes small.',
    'Fabric pilled after one wash.',
    'Sizing is a bit off.',
    'True to size.',
    'Fits perfectly.',
  ],
  shoes: [
    'Painful after an hour.',
    'Runs narrow.',
    'Takes time to break in.',
    'Comfortable all day.',
    'Like walking on clouds.',
  ],
  electronics: [
    'Battery died within days.',
    'Connection keeps dropping.',
    'Setup was fiddly.',
    'Easy to set up.',
    'Battery lasts forever.',
  ],
  books: [
    'Could not finish it.',
    'Slow start.',
    'Good in parts.',
    'A real page-turner.',
    'Could not put it down.',
  ],
};

export class ReviewText {
  /** titles[rating − 1] */
  readonly titles = TITLES;
  /** bodies[(rating − 1) × categories + category] */
  readonly bodies: readonly (readonly string[])[];

  constructor() {
    const out: string[][] = [];
    for (let r = 0; r < 5; r++)
      for (const c of CATEGORIES) {
        const extra = EXTRA[c]?.[r];
        out.push(BODIES[r]!.map((b) => b.replaceAll('{thing}', THING[c]) + (extra ? ` ${extra}` : '')));
      }
    this.bodies = out;
  }
}
