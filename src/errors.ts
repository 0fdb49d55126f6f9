/** Bad flags, config or output folder: the CLI prints the message as one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A stop signal (Ctrl-C, SIGTERM, SIGHUP) or an aborted `signal` option ended the work cleanly; the
 * message says what was kept and how to carry on. The CLI prints it as one line and exits 128 + the
 * signal's number.
 */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}
