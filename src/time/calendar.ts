/** Calendar arithmetic on UTC day numbers (days since 1970-01-01). Never reads the host time zone. */

export const MS_PER_DAY = 86_400_000;
export const MICROS_PER_HOUR = 3_600_000_000;
export const MICROS_PER_DAY = 86_400_000_000;

/** Parses 'YYYY-MM-DD' into a UTC day number, or returns undefined if it is not a real date. */
export function parseIsoDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / MS_PER_DAY;
}

/** 'YYYY-MM-DD' of a UTC day number, without locale formatting. */
export function formatIsoDay(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** ISO weekday with Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Month 0–11 of a UTC day number, by integer arithmetic (civil_from_days, below): no Date per call. */
export function monthOf(day: number): number {
  const march = civil(day).march;
  return march < 10 ? march + 2 : march - 10;
}

/** Hinnant's civil_from_days: the year counted from March and the month from March (0 = March). */
function civil(day: number): { readonly yearFromMarch: number; readonly march: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  return { yearFromMarch: yoe + era * 400, march: Math.floor((5 * doy + 2) / 153) };
}

/** The year of a UTC day number, by integer arithmetic: no Date per call. */
export function yearOf(day: number): number {
  const { yearFromMarch, march } = civil(day);
  return yearFromMarch + (march >= 10 ? 1 : 0);
}

/** UTC day number of the n-th (1-based) given ISO weekday of a month (month 0–11). */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const first = Date.UTC(year, month, 1) / MS_PER_DAY;
  const shift = (weekday - weekdayOf(first) + 7) % 7;
  return first + shift + 7 * (n - 1);
}

/** Day of the month, 1–31. */
export function dayOfMonth(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDate();
}
