/**
 * A signup's email, built from the customer's name and id (so it is unique): the first name folded
 * to ASCII letters, the initial, the id, at a common mail domain.
 */

export const EMAIL_DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
  'proton.me',
] as const;
/** Cumulative shares of EMAIL_DOMAINS. */
export const DOMAIN_CUMULATIVE = [0.47, 0.6, 0.73, 0.82, 0.93, 0.96, 1] as const;
/** How the local part is put together: olivia.p42, oliviap42, olivia_42, olivia42. */
export const EMAIL_STYLES = 4;

/** Lower-case ASCII letters of a name (accents dropped, apostrophes and spaces removed). */
export function foldName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '');
}

export function emailOf(first: string, initial: number, id: number, style: number, domain: number): string {
  const f = foldName(first);
  const i = String.fromCharCode(initial).toLowerCase();
  const local =
    style === 0 ? `${f}.${i}${id}` : style === 1 ? `${f}${i}${id}` : style === 2 ? `${f}_${id}` : `${f}${id}`;
  return `${local}@${EMAIL_DOMAINS[domain]}`;
}
