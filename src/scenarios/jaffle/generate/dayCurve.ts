/**
 * A day's rhythm as 24 hourly weights (UTC): where in the day a time falls, and a time drawn from it,
 * possibly inside a range (an order 1–24 hours after its session). Times are whole seconds.
 */
import { MICROS_PER_HOUR } from '../../../time/calendar.js';

const SECOND = 1_000_000;

export class DayCurve {
  /** cum[h]: the weight before hour h (25 entries; cum[24] the day's total). */
  private readonly cum: Float64Array;

  constructor(private readonly hourly: readonly number[]) {
    this.cum = new Float64Array(25);
    for (let h = 0; h < 24; h++) this.cum[h + 1] = this.cum[h]! + hourly[h]!;
  }

  /** The weight before `us` µs into the day (0 ≤ us ≤ one day). */
  massBefore(us: number): number {
    const h = Math.min(23, Math.floor(us / MICROS_PER_HOUR));
    return this.cum[h]! + ((us - h * MICROS_PER_HOUR) / MICROS_PER_HOUR) * this.hourly[h]!;
  }

  /** µs into the day (whole seconds) at which the weight before it is `mass` (0 ≤ mass < total). */
  private at(mass: number): number {
    let h = 0;
    while (h < 23 && (this.cum[h + 1]! <= mass || this.hourly[h] === 0)) h++;
    const within = Math.min(1, Math.max(0, (mass - this.cum[h]!) / this.hourly[h]!));
    return Math.floor(((h + within) * MICROS_PER_HOUR) / SECOND) * SECOND;
  }

  /** A time of day drawn with `u` in [0, 1). */
  draw(u: number): number {
    return this.at(u * this.cum[24]!);
  }

  /** The weight inside [from, to) (µs into the day). */
  mass(from: number, to: number): number {
    return to > from ? this.massBefore(to) - this.massBefore(from) : 0;
  }

  /**
   * A time in [from, to) (µs into the day, whole seconds) drawn from the curve with `u`, or NaN when
   * the curve has no weight there.
   */
  within(from: number, to: number, u: number): number {
    const lo = this.massBefore(from);
    const span = this.massBefore(to) - lo;
    if (!(span > 1e-12)) return Number.NaN;
    const t = this.at(lo + u * span);
    return Math.min(to - SECOND, Math.max(from, t));
  }
}
