/**
 * How each source writes what it knows of an entity: its own ids, name, amount and date formats, and
 * the ways a conflicting row departs from the truth. Text is built without the host's locale.
 */
import type { Stream } from '../rng/stream.js';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a day since 1970-01-01 (UTC, whatever the time zone). */
export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Source A: `A-0000042`; B: `CRM10042`; C: `legacy-42`: ids that share nothing with the true ones. */
export function sourceId(source: number, seq: number): string {
  if (source === 0) return `A-${String(seq).padStart(7, '0')}`;
  if (source === 1) return `CRM${10_000 + seq}`;
  return `legacy-${seq}`;
}

/** A: `Jane Smith`; B: `SMITH, Jane`; C: `jane smith`. One-part names: as is, upper case, lower case. */
export function formatName(source: number, parts: readonly string[]): string {
  if (parts.length === 2) {
    const [first, last] = parts as [string, string];
    if (source === 0) return `${first} ${last}`;
    if (source === 1) return `${last.toUpperCase()}, ${first}`;
    return `${first} ${last}`.toLowerCase();
  }
  const name = parts.join(' ');
  return source === 0 ? name : source === 1 ? name.toUpperCase() : name.toLowerCase();
}

/** A: `1234.56`; B: `$1,234.56`; C: `1234.6` (one decimal). */
export function formatMeasure(source: number, value: number): string {
  if (source === 2) return value.toFixed(1);
  const text = value.toFixed(2);
  if (source === 0) return text;
  const [whole, cents] = text.split('.') as [string, string];
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}$${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A: ISO `2023-01-05`; B: US `01/05/2023`; C: EU `05.01.2023`. */
export function formatDate(source: number, day: number): string {
  const iso = isoDay(day);
  const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  if (source === 0) return iso;
  return source === 1 ? `${m}/${d}/${y}` : `${d}.${m}.${y}`;
}

/** A: as is; B: upper case; C: lower case. */
export const formatOther = (source: number, text: string) =>
  source === 0 ? text : source === 1 ? text.toUpperCase() : text.toLowerCase();

/** A name another way: the given name as an initial, a letter of the last part dropped, or a letter doubled. */
export function nameVariant(parts: readonly string[], stream: Stream): string[] {
  const out = [...parts];
  const way = stream.int(0, 2);
  const last = out.length - 1;
  const word = out[last]!;
  if (way === 0 && out.length === 2 && out[0]!.length > 1) out[0] = `${out[0]![0]}.`;
  else if (way <= 1 && word.length > 3) {
    const at = stream.int(1, word.length - 2);
    out[last] = word.slice(0, at) + word.slice(at + 1);
  } else {
    const at = stream.int(0, word.length - 1);
    out[last] = word.slice(0, at + 1) + word.slice(at);
  }
  return out;
}

/** An amount 5–30 % off, up or down, in cents. */
export function measureVariant(value: number, stream: Stream): number {
  const off = 0.05 + 0.25 * stream.next();
  const changed = value * (stream.next() < 0.5 ? 1 - off : 1 + off);
  const cents = Math.round(changed * 100);
  return (cents === Math.round(value * 100) ? cents + 1 : cents) / 100;
}

/** A date 1–60 days off, either way. */
export const dateVariant = (day: number, stream: Stream) =>
  day + (stream.next() < 0.5 ? -1 : 1) * stream.int(1, 60);
