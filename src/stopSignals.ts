/**
 * SIGINT (Ctrl-C), SIGTERM (docker stop, systemd, Kubernetes, CI runners) and SIGHUP (a closed
 * terminal) all stop a command the same way: the first aborts the command's work, which finishes what
 * is running, removes its temporaries and ends with an InterruptedError; the CLI then prints one line
 * and exits 128 + the signal's number. A second signal while stopping ends the process at once.
 */
import { constants } from 'node:os';
import { isatty } from 'node:tty';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopSignals {
  /** Aborted by the first stop signal. */
  readonly signal: AbortSignal;
  /** The first stop signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Ends the process, once stopped, as the received signal (SIGINT if none) would: 128 + its number. */
  readonly exit: () => void;
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
  let received: NodeJS.Signals | undefined;
  // Asked now: once the terminal hangs up, isatty says false.
  const onTerminal = [0, 1, 2].some((fd) => isatty(fd));
  /** Ends the process by `signal`'s default action, which the shell reports as 128 + its number. */
  const raise = (signal: NodeJS.Signals) => {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    process.kill(process.pid, signal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (received === undefined) {
      received = signal;
      controller.abort();
      return;
    }
    // Stopping already: end now. Temporaries stay under the output's `_tmp/`, where no table glob
    // reaches them; the next run removes them.
    process.stderr.write(`gen-parquet: ${signal} again: stopped at once\n`);
    raise(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  // A hung-up terminal fails writes (EIO), possibly before its SIGHUP is handled: a lost progress
  // line must not crash the run and cut its stop short (there is nowhere left to report it anyway).
  process.stderr.on('error', () => {});
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    exit: () => {
      const signal = received ?? 'SIGINT';
      // A hung-up terminal makes Node 20 abort at exit while restoring its settings
      // (nodejs/node#51519): the signal's own default action ends the process without that step.
      if (signal === 'SIGHUP' && onTerminal) raise(signal);
      else process.exitCode = exitCodeFor(signal);
    },
  };
}
