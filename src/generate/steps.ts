/**
 * A long pure computation written as a generator that `yield`s between steps of bounded work. The
 * computation stays synchronous and knows nothing of events; a caller on the main thread may let the
 * event loop run at each step (so a stop signal is handled within a step, not after the whole
 * computation), and `finish` runs it to the end at once. Yielding never changes what is computed.
 */
export type Steps<T> = Generator<void, T, void>;

/** Rows per step of a loop that draws from faker. */
export const FAKER_ROWS_PER_STEP = 10_000;

/**
 * Rows that share one faker seed, keyed by the block's index: seeding faker costs ~40 µs (its
 * Mersenne Twister is initialised from the key), a draw ~1 µs, so seeding per row cost minutes at
 * 1000x. A block can still be drawn alone.
 */
export const FAKER_BLOCK_ROWS = 1024;

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
