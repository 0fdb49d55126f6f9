/**
 * The shop's pages as numbers (an event stores an index; workers turn it into the URL string from
 * a table built once): fixed pages, category and subcategory pages, search result pages, product
 * pages. A product's page is `/p/` + its SKU, and its SKU follows from the product view alone.
 */
import { CATEGORIES } from '../vocabulary.js';
import { CATALOG, SEARCH_TERMS, SUBCATEGORIES, slug } from './catalog.js';
import type { ProductView } from './products.js';

export const PAGE = { home: 0, deals: 1, cart: 2, checkout: 3, confirmation: 4 } as const;
const FIXED = ['/', '/deals', '/cart', '/checkout', '/checkout/confirmation'];

export const CATEGORY_PAGE = FIXED.length;
export const SUB_PAGE = CATEGORY_PAGE + CATEGORIES.length;
export const SEARCH_PAGE = SUB_PAGE + SUBCATEGORIES.length;
export const PRODUCT_PAGE = SEARCH_PAGE + SEARCH_TERMS.length;

/** Search terms of each subcategory: SEARCH_TERMS[termStart[s] .. termStart[s + 1]). */
export const TERM_START: Int32Array = (() => {
  const out = new Int32Array(SUBCATEGORIES.length + 1);
  for (const t of SEARCH_TERMS) out[t.sub + 1]!++;
  for (let s = 0; s < SUBCATEGORIES.length; s++) out[s + 1]! += out[s]!;
  return out;
})();

/** Every product's SKU: category code, subcategory code, the product's number within its category. */
export function skusOf(view: ProductView): string[] {
  const out = new Array<string>(view.count);
  for (let c = 0; c < CATEGORIES.length; c++) {
    const code = CATALOG[CATEGORIES[c]!].code;
    for (let j = view.catStart[c]!; j < view.catStart[c + 1]!; j++) {
      const p = view.catList[j]!;
      out[p] =
        `${code}-${SUBCATEGORIES[view.sub[p]!]!.info.code}-${String(j - view.catStart[c]! + 1).padStart(5, '0')}`;
    }
  }
  return out;
}

/** The URL of every page index. */
export function pageUrls(view: ProductView): string[] {
  const categories = CATEGORIES.map((c) => `/c/${slug(CATALOG[c].label)}`);
  const subs = SUBCATEGORIES.map(
    ({ category, info }) => `/c/${slug(CATALOG[CATEGORIES[category]!].label)}/${slug(info.name)}`,
  );
  const searches = SEARCH_TERMS.map((t) => `/search?q=${encodeURIComponent(t.text).replaceAll('%20', '+')}`);
  const products = skusOf(view).map((sku) => `/p/${sku.toLowerCase()}`);
  return [...FIXED, ...categories, ...subs, ...searches, ...products];
}
