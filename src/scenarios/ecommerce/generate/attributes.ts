/**
 * A product's `attributes` column: a JSON object whose keys fit its kind (a shirt has sizes and a
 * colour, a laptop RAM and storage, a book a format and pages). Pricier tech gets bigger specs.
 */
import type { AttributeKind } from './catalog.js';
import type { Keyed } from './keyed.js';

const pick = <T>(rng: Keyed, items: readonly T[]): T => items[rng.int(0, items.length - 1)]!;

export function attributesOf(
  kind: AttributeKind,
  rng: Keyed,
  price: number,
  color: string,
  noun: string,
): string {
  const tier = Math.max(0, Math.min(3, Math.floor(Math.log2(Math.max(1, price / 150)))));
  switch (kind) {
    case 'tech':
      return JSON.stringify({
        color,
        ram_gb: /Laptop|Ultrabook|Smartphone/.test(noun) ? [8, 16, 32, 64][tier] : null,
        storage_gb: /Laptop|Ultrabook|Smartphone|Camera/.test(noun) ? [128, 256, 512, 1024][tier] : null,
        screen_in: /Laptop|Ultrabook/.test(noun)
          ? pick(rng, [13.3, 14, 15.6, 16])
          : /Smartphone/.test(noun)
            ? pick(rng, [6.1, 6.4, 6.7])
            : null,
        warranty_months: pick(rng, [12, 12, 24]),
      });
    case 'audio':
      return JSON.stringify({
        color,
        wireless: rng.next() < 0.85,
        battery_hours: pick(rng, [6, 8, 20, 30, 40]),
        noise_cancelling: price > 80 && rng.next() < 0.7,
      });
    case 'apparel':
      return JSON.stringify({
        sizes: pick(rng, [['XS', 'S', 'M', 'L', 'XL'], ['S', 'M', 'L', 'XL', 'XXL'], ['One Size']]),
        color,
        material: pick(rng, ['cotton', 'organic cotton', 'polyester', 'wool blend', 'denim', 'nylon']),
        fit: pick(rng, ['regular', 'slim', 'relaxed']),
      });
    case 'shoe':
      return JSON.stringify({
        sizes: pick(rng, [
          [6, 7, 8, 9, 10, 11, 12, 13],
          [5, 6, 7, 8, 9, 10, 11],
        ]),
        color,
        width: pick(rng, ['regular', 'regular', 'wide']),
        material: pick(rng, ['leather', 'mesh', 'suede', 'canvas', 'synthetic']),
      });
    case 'home':
      return JSON.stringify({
        color,
        material: pick(rng, [
          'stainless steel',
          'cast iron',
          'cotton',
          'glass',
          'bamboo',
          'ceramic',
          'plastic',
        ]),
        dimensions_cm: [rng.int(10, 80), rng.int(5, 60), rng.int(2, 50)],
      });
    case 'beauty':
      return JSON.stringify({
        size_ml: pick(rng, [15, 30, 50, 100, 250, 400]),
        skin_type: pick(rng, ['all', 'dry', 'oily', 'sensitive', 'combination']),
        cruelty_free: rng.next() < 0.6,
      });
    case 'sport':
      return JSON.stringify({
        color,
        material: pick(rng, ['aluminum', 'stainless steel', 'nylon', 'rubber', 'foam', 'polyester']),
        weight_kg: Math.round(rng.logNormal(1.2, 0.9) * 10) / 10,
      });
    case 'book':
      return JSON.stringify({
        format: pick(rng, ['paperback', 'paperback', 'hardcover', 'hardcover', 'ebook']),
        pages: rng.int(96, 720),
        language: rng.next() < 0.93 ? 'en' : pick(rng, ['es', 'fr']),
        isbn13: `978${String(rng.int(0, 999_999_999)).padStart(9, '0')}${rng.int(0, 9)}`,
      });
    case 'toy':
      return JSON.stringify({
        age_min: pick(rng, [3, 5, 6, 8, 10, 12, 14]),
        pieces: /Puzzle/.test(noun)
          ? Number.parseInt(noun, 10)
          : /Building|Construction/.test(noun)
            ? rng.int(80, 2500)
            : 1,
        batteries_required: rng.next() < 0.2,
      });
    case 'food':
      return JSON.stringify({
        net_weight_g: pick(rng, [100, 250, 340, 454, 500, 907, 1000]),
        organic: rng.next() < 0.35,
        gluten_free: rng.next() < 0.3,
      });
    case 'pet':
      return JSON.stringify({
        pet: /Cat/.test(noun) ? 'cat' : /Fish|Aquarium/.test(noun) ? 'fish' : 'dog',
        life_stage: pick(rng, ['all', 'puppy/kitten', 'adult', 'senior']),
        size: pick(rng, ['small', 'medium', 'large']),
      });
  }
}
