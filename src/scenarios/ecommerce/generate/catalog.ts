import { CATEGORIES, type Category } from '../vocabulary.js';
/**
 * The product tree: category → subcategories (each with the price band its products fall in, so a
 * category's prices stay one log-normal), brands that belong to one category only, name parts,
 * search terms and the kind of attributes a product of the category carries.
 */

export type AttributeKind =
  | 'tech'
  | 'audio'
  | 'apparel'
  | 'shoe'
  | 'home'
  | 'beauty'
  | 'sport'
  | 'book'
  | 'toy'
  | 'food'
  | 'pet';

export interface Subcategory {
  readonly name: string;
  /** Three letters of the SKU. */
  readonly code: string;
  /** Prices this subcategory takes, USD [lo, hi). */
  readonly band: readonly [number, number];
  readonly nouns: readonly string[];
  readonly attributes: AttributeKind;
}

export interface CategoryInfo {
  readonly label: string;
  /** Three letters of the SKU. */
  readonly code: string;
  readonly brands: readonly string[];
  readonly subcategories: readonly Subcategory[];
}

const INF = Number.POSITIVE_INFINITY;
const sub = (
  name: string,
  code: string,
  band: readonly [number, number],
  attributes: AttributeKind,
  nouns: readonly string[],
): Subcategory => ({ name, code, band, nouns, attributes });

export const CATALOG: Readonly<Record<Category, CategoryInfo>> = {
  electronics: {
    label: 'Electronics',
    code: 'ELE',
    brands: ['Samsung', 'Sony', 'Apple', 'LG', 'Anker', 'Bose', 'Logitech', 'Lenovo', 'Dell', 'JBL', 'Canon'],
    subcategories: [
      sub('Accessories', 'ACC', [0, 45], 'tech', [
        'USB-C Cable',
        'Wireless Charger',
        'Power Bank',
        'Phone Case',
      ]),
      sub('Headphones', 'HPH', [20, 450], 'audio', [
        'Wireless Earbuds',
        'Over-Ear Headphones',
        'Sport Earbuds',
      ]),
      sub('Smart Home', 'SMH', [25, 300], 'tech', [
        'Smart Plug',
        'Smart Speaker',
        'Video Doorbell',
        'Thermostat',
      ]),
      sub('Smartphones', 'PHN', [150, INF], 'tech', ['Smartphone', '5G Smartphone']),
      sub('Laptops', 'LAP', [300, INF], 'tech', ['Laptop', 'Ultrabook', 'Gaming Laptop', '2-in-1 Laptop']),
      sub('Cameras', 'CAM', [120, INF], 'tech', ['Mirrorless Camera', 'Action Camera', 'Instant Camera']),
    ],
  },
  apparel: {
    label: 'Apparel',
    code: 'APP',
    brands: [
      "Levi's",
      'Patagonia',
      'Uniqlo',
      'Carhartt',
      'Columbia',
      'Ralph Lauren',
      'Champion',
      'Lululemon',
    ],
    subcategories: [
      sub('T-Shirts', 'TSH', [0, 45], 'apparel', [
        'Crew Neck T-Shirt',
        'V-Neck Tee',
        'Graphic Tee',
        'Pocket Tee',
      ]),
      sub('Jeans', 'JNS', [30, 160], 'apparel', [
        'Slim Fit Jeans',
        'Straight Leg Jeans',
        'Relaxed Fit Jeans',
      ]),
      sub('Dresses', 'DRS', [25, 220], 'apparel', ['Wrap Dress', 'Midi Dress', 'Shirt Dress']),
      sub('Jackets', 'JKT', [55, INF], 'apparel', [
        'Rain Jacket',
        'Down Jacket',
        'Fleece Jacket',
        'Denim Jacket',
      ]),
      sub('Activewear', 'ACT', [15, 110], 'apparel', [
        'Leggings',
        'Running Shorts',
        'Sports Bra',
        'Track Pants',
      ]),
      sub('Accessories', 'ACS', [0, 30], 'apparel', ['Crew Socks 3-Pack', 'Beanie', 'Baseball Cap', 'Belt']),
    ],
  },
  shoes: {
    label: 'Shoes',
    code: 'SHO',
    brands: [
      'Nike',
      'Adidas',
      'New Balance',
      'Skechers',
      'Converse',
      'Vans',
      'Dr. Martens',
      'Brooks',
      'ASICS',
    ],
    subcategories: [
      sub('Sneakers', 'SNK', [35, 200], 'shoe', ['Sneaker', 'Low-Top Sneaker', 'High-Top Sneaker']),
      sub('Running', 'RUN', [60, INF], 'shoe', ['Running Shoe', 'Trail Running Shoe']),
      sub('Boots', 'BOT', [70, INF], 'shoe', ['Chelsea Boot', 'Hiking Boot', 'Winter Boot']),
      sub('Sandals', 'SND', [0, 80], 'shoe', ['Slide Sandal', 'Sport Sandal', 'Flip-Flop']),
      sub('Slippers', 'SLP', [0, 50], 'shoe', ['Moccasin Slipper', 'Scuff Slipper']),
    ],
  },
  home_kitchen: {
    label: 'Home & Kitchen',
    code: 'HOM',
    brands: [
      'KitchenAid',
      'Cuisinart',
      'Lodge',
      'OXO',
      'Pyrex',
      'Dyson',
      'Le Creuset',
      'Ninja',
      'Brooklinen',
    ],
    subcategories: [
      sub('Utensils', 'UTN', [0, 35], 'home', [
        'Spatula Set',
        "Chef's Knife",
        'Cutting Board',
        'Measuring Cups',
      ]),
      sub('Cookware', 'CKW', [20, 350], 'home', ['Cast Iron Skillet', 'Dutch Oven', 'Nonstick Pan Set']),
      sub('Bedding', 'BED', [25, 260], 'home', [
        'Sheet Set',
        'Duvet Cover',
        'Pillow 2-Pack',
        'Weighted Blanket',
      ]),
      sub('Decor', 'DEC', [0, 120], 'home', [
        'Throw Pillow',
        'Wall Clock',
        'Scented Candle',
        'Picture Frame',
      ]),
      sub('Appliances', 'APL', [40, INF], 'home', ['Blender', 'Stand Mixer', 'Air Fryer', 'Cordless Vacuum']),
      sub('Storage', 'STR', [0, 60], 'home', ['Food Storage Set', 'Storage Bins', 'Drawer Organizer']),
    ],
  },
  beauty: {
    label: 'Beauty',
    code: 'BEA',
    brands: [
      "L'Oréal",
      'Neutrogena',
      'CeraVe',
      'Maybelline',
      'The Ordinary',
      'Olaplex',
      'Clinique',
      "Burt's Bees",
    ],
    subcategories: [
      sub('Skincare', 'SKN', [4, 90], 'beauty', ['Moisturizer', 'Serum', 'Cleanser', 'Sunscreen SPF 50']),
      sub('Makeup', 'MKP', [0, 55], 'beauty', ['Mascara', 'Foundation', 'Lipstick', 'Eyeshadow Palette']),
      sub('Haircare', 'HAR', [0, 60], 'beauty', ['Shampoo', 'Conditioner', 'Hair Oil', 'Hair Mask']),
      sub('Fragrance', 'FRG', [30, INF], 'beauty', ['Eau de Parfum', 'Eau de Toilette']),
      sub('Tools', 'TLS', [30, INF], 'beauty', ['Hair Dryer', 'Flat Iron', 'Curling Wand']),
    ],
  },
  sports_outdoors: {
    label: 'Sports & Outdoors',
    code: 'SPO',
    brands: ['Coleman', 'Yeti', 'The North Face', 'Osprey', 'Garmin', 'Bowflex', 'Manduka', 'Hydro Flask'],
    subcategories: [
      sub('Yoga', 'YOG', [0, 90], 'sport', ['Yoga Mat', 'Yoga Block', 'Resistance Bands']),
      sub('Camping', 'CMP', [20, INF], 'sport', ['Tent', 'Sleeping Bag', 'Camping Stove', 'Headlamp']),
      sub('Cycling', 'CYC', [15, INF], 'sport', ['Bike Helmet', 'Bike Light Set', 'Road Bike']),
      sub('Fitness', 'FIT', [20, INF], 'sport', ['Adjustable Dumbbells', 'Kettlebell', 'Treadmill']),
      sub('Hydration', 'HYD', [0, 60], 'sport', ['Insulated Water Bottle', 'Tumbler', 'Hydration Pack']),
    ],
  },
  books: {
    label: 'Books',
    code: 'BOO',
    brands: [
      'Penguin Random House',
      'HarperCollins',
      'Simon & Schuster',
      'Hachette',
      'Macmillan',
      'Scholastic',
    ],
    subcategories: [
      sub('Fiction', 'FIC', [0, INF], 'book', ['Novel']),
      sub('Nonfiction', 'NFI', [0, INF], 'book', ['Biography', 'History', 'Self-Help']),
      sub("Children's", 'CHL', [0, 30], 'book', ['Picture Book', 'Chapter Book']),
      sub('Cookbooks', 'CKB', [12, INF], 'book', ['Cookbook']),
    ],
  },
  toys_games: {
    label: 'Toys & Games',
    code: 'TOY',
    brands: ['LEGO', 'Hasbro', 'Mattel', 'Melissa & Doug', 'Ravensburger', 'Fisher-Price', 'Nerf', 'Funko'],
    subcategories: [
      sub('Building Sets', 'BLD', [10, INF], 'toy', ['Building Set', 'Construction Kit']),
      sub('Board Games', 'BRD', [10, 90], 'toy', ['Board Game', 'Card Game', 'Party Game']),
      sub('Dolls & Figures', 'DOL', [0, 60], 'toy', ['Action Figure', 'Doll', 'Vinyl Figure']),
      sub('Puzzles', 'PZL', [0, 45], 'toy', ['1000-Piece Puzzle', '500-Piece Puzzle']),
      sub('Outdoor Play', 'OUT', [15, INF], 'toy', ['Blaster', 'Scooter', 'Play Tent']),
    ],
  },
  grocery: {
    label: 'Grocery',
    code: 'GRO',
    brands: [
      'Starbucks',
      'Lavazza',
      'Kind',
      'Nature Valley',
      'Barilla',
      "Bob's Red Mill",
      'Twinings',
      'Lindt',
    ],
    subcategories: [
      sub('Coffee & Tea', 'COF', [4, INF], 'food', ['Whole Bean Coffee', 'Ground Coffee', 'Tea Sampler']),
      sub('Snacks', 'SNA', [0, 22], 'food', ['Granola Bars 12-Pack', 'Trail Mix', 'Dark Chocolate Bar']),
      sub('Pantry', 'PAN', [0, 35], 'food', ['Pasta', 'Rolled Oats', 'Olive Oil', 'Spice Set']),
    ],
  },
  pet_supplies: {
    label: 'Pet Supplies',
    code: 'PET',
    brands: [
      'Purina',
      'Blue Buffalo',
      'Kong',
      "Hill's Science Diet",
      'Pedigree',
      'Tetra',
      'Greenies',
      'Royal Canin',
    ],
    subcategories: [
      sub('Dog', 'DOG', [0, INF], 'pet', ['Dry Dog Food', 'Chew Toy', 'Dog Bed', 'Dental Treats']),
      sub('Cat', 'CAT', [0, INF], 'pet', ['Dry Cat Food', 'Cat Litter', 'Cat Tree', 'Cat Treats']),
      sub('Aquarium', 'AQU', [5, INF], 'pet', ['Aquarium Filter', 'Fish Flakes', 'Aquarium Kit']),
    ],
  },
};

/** Every subcategory in category order, with its category: the index is a product's `sub`. */
export const SUBCATEGORIES: readonly { readonly category: number; readonly info: Subcategory }[] =
  CATEGORIES.flatMap((c, category) => CATALOG[c].subcategories.map((info) => ({ category, info })));

/** A URL slug: lower case, words joined by '-'. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** What shoppers type to find a subcategory: its nouns, and the first brands with its first noun. */
export const SEARCH_TERMS: readonly { readonly sub: number; readonly text: string }[] = SUBCATEGORIES.flatMap(
  ({ category, info }, s) => {
    const brands = CATALOG[CATEGORIES[category]!].brands;
    const terms = [
      ...info.nouns.map((n) => n.toLowerCase()),
      ...brands.slice(0, 2).map((b) => `${b.toLowerCase()} ${info.nouns[0]!.toLowerCase()}`),
    ];
    return [...new Set(terms)].map((text) => ({ sub: s, text }));
  },
);

export const SERIES = [
  'Pro',
  'Air',
  'Max',
  'Lite',
  'Plus',
  'Classic',
  'Essential',
  'Ultra',
  'Go',
  'Signature',
  'Everyday',
  'Studio',
  'Core',
  'Elite',
  'Flex',
  'Original',
] as const;

export const COLORS = [
  'Black',
  'White',
  'Navy',
  'Gray',
  'Olive',
  'Burgundy',
  'Sand',
  'Sky Blue',
  'Forest Green',
  'Charcoal',
  'Red',
  'Blush',
] as const;

/** Title words for books. */
export const TITLE_WORDS = {
  first: [
    'Silent',
    'Last',
    'Hidden',
    'Golden',
    'Midnight',
    'Broken',
    'Wild',
    'Quiet',
    'Burning',
    'Lost',
    'Small',
  ],
  second: [
    'Harbor',
    'Garden',
    'River',
    'Kingdom',
    'Orchard',
    'Letters',
    'Winter',
    'Map',
    'Lighthouse',
    'Habits',
  ],
} as const;
