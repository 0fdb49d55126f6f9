/**
 * A long pure computation written as a generator that `yield`s between steps of bounded work. The
 * computation stays synchronous and knows nothing of events; a caller on the main thread may let the
 * event loop run at each step (so a stop signal is handled within a step, not after the whole
 * computation), and `finish` runs it to the end at once. Yielding never changes what is computed.
 */
export type Steps<T> = Generator<void, T, void>;

/** Rows per step where each row seeds faker (~45 µs a row: ~0.5 s a step). */
export const FAKER_ROWS_PER_STEP = 10_000;

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
