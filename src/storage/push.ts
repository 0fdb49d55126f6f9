/**
 * Carries a staging folder's changes up to its bucket. While the engine writes, `follow` reads the
 * journals and uploads each file as soon as a journal says it is finished (the journal itself first,
 * so that the bucket's journal names every data object before it exists, then again after). At the
 * end, `finish` uploads what else changed, in the order a reader needs: data, part records, our other
 * files, the manifest, `_SUCCESS` last; `_SUCCESS` is deleted before anything else changes, and other
 * objects only once the new ones are up, and only those the pull found or this writer uploaded, once
 * the engine removed them (the engine removes only what a manifest or journal proves ours).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readJournal } from '../run/journal.js';
import { MANIFEST, SUCCESS } from '../run/manifest.js';
import { PARTS_DIR } from '../run/partRecord.js';
import type { Bucket } from './bucket.js';
import { eachLimited, isLocalOnly, type Known, sha256Of } from './pull.js';

const FOLLOW_MS = 300;

/** Every file under `dir`, relative, `/`-separated, our local-only ones aside. */
async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(join(dir, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(dir, p)));
    else if (!isLocalOnly(p)) out.push(p);
  }
  return out;
}

/** Upload order: data first, then part records and journals, our other files, the manifest, `_SUCCESS`. */
const rank = (p: string) =>
  p === SUCCESS
    ? 4
    : p === MANIFEST
      ? 3
      : p.startsWith(`${PARTS_DIR}/`)
        ? 1
        : p.startsWith('_') && !p.includes('/')
          ? 2
          : 0;

export class Mirror {
  /** Local files equal to their object, by path. */
  private readonly same: Map<string, Known>;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  private successGone = false;

  constructor(
    private readonly bucket: Bucket,
    private readonly dir: string,
    private readonly pulled: ReadonlyMap<string, Known>,
  ) {
    this.same = new Map(pulled);
  }

  private async unchanged(path: string): Promise<boolean> {
    const was = this.same.get(path);
    if (!was) return false;
    const now = await stat(join(this.dir, path)).catch(() => undefined);
    return now !== undefined && now.size === was.size && now.mtimeMs === was.mtimeMs;
  }

  private async put(path: string, sha256?: string): Promise<void> {
    const file = join(this.dir, path);
    const before = await stat(file);
    await this.bucket.upload(path, file, sha256 ?? (await sha256Of(file)));
    this.same.set(path, { size: before.size, mtimeMs: before.mtimeMs });
  }

  /** A journal the engine removes once its run is whole: gone, it has nothing more to say. */
  private async putJournal(name: string): Promise<void> {
    try {
      await this.put(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  /** A dataset being rewritten must stop looking finished before its first object changes. */
  private async dropSuccess(): Promise<void> {
    if (this.successGone || !this.pulled.has(SUCCESS)) return;
    if (await stat(join(this.dir, SUCCESS)).catch(() => undefined)) return;
    await this.bucket.remove(SUCCESS);
    this.successGone = true;
  }

  private async followOnce(journals: readonly string[]): Promise<void> {
    for (const name of journals) {
      const journal = readJournal(this.dir, name);
      if (!journal) continue;
      const todo: { path: string; bytes: number; sha256: string }[] = [];
      for (const f of journal.files) {
        const s = await stat(join(this.dir, f.path)).catch(() => undefined);
        if (s?.size === f.bytes && !(await this.unchanged(f.path))) todo.push(f);
      }
      if (!todo.length) continue;
      await this.dropSuccess();
      await this.putJournal(name);
      await eachLimited(todo, 4, (f) => this.put(f.path, f.sha256));
      await this.putJournal(name);
    }
  }

  /** Uploads each file the journals (paths relative to the folder) mark finished, until `finish`. */
  follow(journals: readonly string[]): void {
    const tick = () => {
      this.chain = this.chain
        .then(() => (this.failure ? undefined : this.followOnce(journals)))
        .catch((err) => {
          this.failure = err;
        });
      this.timer = setTimeout(tick, FOLLOW_MS);
    };
    this.timer = setTimeout(tick, FOLLOW_MS);
  }

  private async stopFollowing(journals: readonly string[]): Promise<void> {
    clearTimeout(this.timer);
    await this.chain;
    if (this.failure) throw this.failure;
    await this.followOnce(journals);
  }

  /**
   * After the command: `done`, everything that changed goes up and what the engine removed goes;
   * stopped or failed, only the finished files and their journals (a re-run resumes from them).
   */
  async finish(done: boolean, journals: readonly string[] = []): Promise<void> {
    await this.stopFollowing(journals);
    if (!done) return;
    await this.dropSuccess();
    const local = await walk(this.dir);
    const changed: string[] = [];
    for (const p of local) if (!(await this.unchanged(p))) changed.push(p);
    for (let r = 0; r <= 4; r++)
      await eachLimited(
        changed.filter((p) => rank(p) === r),
        4,
        (p) => this.put(p),
      );
    const present = new Set(local);
    // `same` holds what was pulled and what was uploaded since: ours to remove once the engine has.
    const gone = [...this.same.keys()].filter((p) => !present.has(p) && p !== SUCCESS);
    await eachLimited(gone, 4, (p) => this.bucket.remove(p));
  }
}
