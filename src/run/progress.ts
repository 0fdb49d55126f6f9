/**
 * Progress on stderr. On a terminal: one line per table, redrawn in place at most 10 times a second
 * (rows done, rows/s, ETA). Elsewhere (CI, pipes): a plain line every few seconds. Quiet: nothing.
 */
import { groupDigits } from '../report.js';

export type ProgressMode = 'tty' | 'lines' | 'quiet';

export class Progress {
  private table = '';
  private total = 0;
  private done = 0;
  private started = 0;
  private lastDraw = 0;

  constructor(
    private readonly mode: ProgressMode,
    private readonly write: (text: string) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs = mode === 'tty' ? 100 : 5000,
  ) {}

  start(table: string, totalRows: number, alreadyDone = 0): void {
    this.table = table;
    this.total = totalRows;
    this.done = alreadyDone;
    this.started = this.now();
    this.lastDraw = this.started;
  }

  advance(rows: number): void {
    this.done += rows;
    const t = this.now();
    if (t - this.lastDraw >= this.intervalMs) {
      this.lastDraw = t;
      this.draw(false);
    }
  }

  finish(): void {
    this.done = this.total;
    this.draw(true);
  }

  line(text: string): void {
    if (this.mode !== 'quiet') this.write(`${text}\n`);
  }

  private draw(final: boolean): void {
    if (this.mode === 'quiet') return;
    const seconds = Math.max(1e-3, (this.now() - this.started) / 1000);
    const rate = this.done / seconds;
    const left = rate > 0 ? (this.total - this.done) / rate : 0;
    const pct = this.total ? Math.floor((100 * this.done) / this.total) : 100;
    const text = `${this.table.padEnd(18)} ${groupDigits(this.done).padStart(12)} / ${groupDigits(this.total)} rows  ${String(pct).padStart(3)}%  ${groupDigits(rate)} rows/s  ${final ? `${seconds.toFixed(1)} s` : `ETA ${left.toFixed(0)} s`}`;
    if (this.mode === 'tty') this.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    else this.write(`${text}\n`);
  }
}
