/**
 * SIGINT (Ctrl-C), SIGTERM (docker stop, systemd, Kubernetes, CI runners) and SIGHUP (a closed
 * terminal) all stop a command the same way: the first aborts the command's work, which finishes what
 * is running, removes its temporaries and ends with an InterruptedError; the CLI then prints one line
 * and exits 128 + the signal's number. A second signal while stopping ends the process at once.
 */
import { constants } from 'node:os';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopSignals {
  /** Aborted by the first stop signal. */
  readonly signal: AbortSignal;
  /** The first stop signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
}

/** The shell's convention for a process ended by `signal`: SIGINT 130, SIGTERM 143, SIGHUP 129. */
export function exitCodeFor(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/**
 * Listens for the stop signals until the process ends. A handler runs only when the event loop
 * turns, so long work must reach it now and then: every await does, and pure computation is cut
 * into steps for it (`generate/steps.ts`).
 */
export function listenForStopSignals(): StopSignals {
  const controller = new AbortController();
  const state = { signal: controller.signal, received: undefined as NodeJS.Signals | undefined };
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.received === undefined) {
      state.received = signal;
      controller.abort();
      return;
    }
    // Stopping already: without our listeners, the signal's default action ends the process now.
    // Temporaries stay under the output's `_tmp/`, where no table glob reaches them; the next run
    // removes them.
    process.stderr.write(`gen-parquet: ${signal} again: stopped at once\n`);
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  return state;
}
