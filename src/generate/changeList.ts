/**
 * A change log's changes as a pack plans them (`--changes`): entity by entity, each state it takes
 * at a time, kept only when it is new or moved, then sorted by time into typed arrays, with the
 * first change of each day (what a day shard of the log starts from).
 */
import { OP } from '../schema/changeLog.js';
import { MICROS_PER_DAY } from '../time/calendar.js';
import { f64, i32, u8 } from './growable.js';

/** One table's changes in (time, row) order: the row changed, when (whole µs), op and its new state. */
export interface ChangeList {
  readonly entity: Int32Array;
  readonly atUs: Float64Array;
  readonly op: Uint8Array;
  /** The changing value after the change: a segment, is_active, a status or is_returned. */
  readonly state: Uint8Array;
  /** First change of each window day (days + 1). */
  readonly dayFirst: Int32Array;
}

/** Collects changes entity by entity, then sorts them by time. */
export class Changes {
  private readonly entity = i32();
  private readonly atUs = f64();
  private readonly op = u8();
  private readonly state = u8();
  private last = -1;
  private lastState = -1;

  /** Changes at or after `endUs` are past the window and left out. */
  constructor(
    private readonly startDay: number,
    private readonly days: number,
    private readonly endUs: number,
  ) {}

  /** The state of `entity` as of `t` (µs, whole): a row when it is new or moved, and only inside the window. */
  at(entity: number, t: number, state: number): void {
    if (t >= this.endUs) return;
    const first = entity !== this.last;
    if (!first && state === this.lastState) return;
    // Two moves at one instant are one change: its latest state.
    if (!first && t === this.atUs.get(this.atUs.length - 1)) {
      this.state.set(this.state.length - 1, state);
      this.lastState = state;
      return;
    }
    this.entity.push(entity);
    this.atUs.push(t);
    this.op.push(first ? OP.insert : OP.update);
    this.state.push(state);
    this.last = entity;
    this.lastState = state;
  }

  list(): ChangeList {
    const n = this.entity.length;
    const entity = this.entity.view();
    const atUs = this.atUs.view();
    const op = this.op.view();
    const state = this.state.view();
    const order = Int32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => atUs[a]! - atUs[b]! || entity[a]! - entity[b]!,
    );
    const { startDay, days } = this;
    const dayFirst = new Int32Array(days + 1);
    for (let i = 0; i < n; i++) dayFirst[Math.floor(atUs[i]! / MICROS_PER_DAY) - startDay + 1]!++;
    for (let d = 0; d < days; d++) dayFirst[d + 1]! += dayFirst[d]!;
    return {
      entity: Int32Array.from(order, (i) => entity[i]!),
      atUs: Float64Array.from(order, (i) => atUs[i]!),
      op: Uint8Array.from(order, (i) => op[i]!),
      state: Uint8Array.from(order, (i) => state[i]!),
      dayFirst,
    };
  }
}
