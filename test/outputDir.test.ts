/**
 * The output folder through the real CLI: gen-parquet deletes only files it can prove it wrote (listed
 * in its manifest or journal, or its own temporary names), refuses folders and files that are not
 * its own, and says why a folder cannot be written.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../src/run/manifest.js';
import { runCli, tempDir } from './helpers.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const root = tempDir('outdir');
// 30 days: tap_events in a handful of day folders (up to 2025-06-25) instead of 622 of them.
const ARGS = [
  ...['--scale', '0.001x', '--days', '30', '--no-validate', '--workers', '1'],
  ...['--tables', 'accounts,tap_events'],
];
const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8')) as Manifest;
const filesIn = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
const put = (out: string, files: readonly string[]) => {
  for (const f of files) {
    mkdirSync(dirname(join(out, f)), { recursive: true });
    writeFileSync(join(out, f), `a user's ${f}\n`);
  }
};
const literal = (s: string) => s.replace(/[.^$*+?()[\]{}|\\]/g, '\\$&');
const expectRefused = (run: { status: number | null; stderr: string }, message: RegExp) => {
  expect(run.status, run.stderr).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
};

/** A complete output, made once and copied by each test that needs one. */
const reference = join(root, 'reference');
const complete = (name: string) => {
  if (!existsSync(join(reference, '_SUCCESS'))) expect(runCli([...ARGS, '--out', reference]).status).toBe(0);
  const out = join(root, name);
  cpSync(reference, out, { recursive: true });
  return out;
};

/** Turns a complete output into what a crash leaves: a journal of the `journaled` files (others gone) and `writing` paths. */
function interrupted(name: string, journaled: (path: string) => boolean, writing: readonly string[]): string {
  const out = complete(name);
  const { expected: _, files, ...params } = manifestOf(out);
  const lines = [{ params }, { writing }, ...files.filter((f) => journaled(f.path))];
  for (const f of files) if (!journaled(f.path)) rmSync(join(out, f.path));
  writeFileSync(join(out, '_progress.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  rmSync(join(out, '_manifest.json'));
  rmSync(join(out, '_SUCCESS'));
  return out;
}

describe('a folder that is not a gen-parquet output', () => {
  it.each([
    [['users/alice.txt', 'devices/list.csv']],
    [['notes.txt']],
    [['accounts/part-00000.parquet']],
    [['_SUCCESS', 'tap_events/event_date=2025-01-01/part-00000.parquet']],
  ])('%j is refused, with or without --force, and left as it was', (files) => {
    for (const force of [[], ['--force']]) {
      const out = join(root, `foreign-${files[0]!.replace(/\W/g, '')}-${force.length}`);
      put(out, files);
      expectRefused(
        runCli([...ARGS, '--out', out, ...force]),
        new RegExp(
          `^gen-parquet: --out ${out}: not a gen-parquet output \\(no _manifest.json or _progress.jsonl; found .*${literal(files[0]!)}.*\\); choose an empty or new folder$`,
        ),
      );
      expect(filesIn(out)).toEqual([...files].sort());
      for (const f of files) expect(readFileSync(join(out, f), 'utf8')).toBe(`a user's ${f}\n`);
    }
  });

  it('holding only our temporaries (even older versions’), is cleaned and written', () => {
    const out = join(root, 'temporaries');
    put(out, [
      '_tmp/tap_events/part-00000.parquet',
      '_manifest.json.tmp',
      'tap_events/event_date=2025-01-01/.tmp-part-00000/data_0.parquet',
    ]);
    const run = runCli([...ARGS, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(filesIn(out).filter((f) => /_tmp|\.tmp/.test(f))).toEqual([]);
  });
});

describe('--force on a gen-parquet output', () => {
  it.each([
    ['accounts/NOTES.md'],
    ['tap_events/my_own_analysis.parquet'],
    ['tap_events/event_date=2024-07-01/part-00007.parquet'],
  ])('refuses while %s (not ours) is inside, naming it, and deletes nothing', (extra) => {
    const out = complete(`force-${extra.replace(/\W/g, '')}`);
    const before = filesIn(out);
    put(out, [extra]);
    expectRefused(
      runCli([...ARGS, '--out', out, '--seed', '7', '--force']),
      new RegExp(
        `^gen-parquet: --out ${out}: holds files gen-parquet did not write \\(${literal(extra)}\\); move them`,
      ),
    );
    expect(filesIn(out)).toEqual([...before, extra].sort());
  });

  it('replaces only what the manifest lists, and removes the folders it empties', () => {
    const out = complete('force-layout');
    const run = runCli([...ARGS, '--out', out, '--partition-by', 'month', '--force']);
    expect(run.status, run.stderr).toBe(0);
    expect(filesIn(out).filter((f) => f.includes('event_date='))).toEqual([]);
    expect(readdirSync(join(out, 'tap_events')).every((d) => d.startsWith('event_month='))).toBe(true);
  });
});

describe('resuming', () => {
  it('never deletes a file the journal does not vouch for: refuses, naming it', () => {
    const out = interrupted('resume-extra', (p) => !p.includes('2025-06'), []);
    put(out, ['tap_events/my_own_analysis.parquet']);
    const run = runCli([...ARGS, '--out', out]);
    expectRefused(
      run,
      /holds files gen-parquet did not write \(tap_events\/my_own_analysis\.parquet\); move them out of the folder \(gen-parquet never deletes them\), then run again to resume$/,
    );
    expect(existsSync(join(out, 'tap_events/my_own_analysis.parquet'))).toBe(true);
  });

  it('a file a crash left unjournaled where we are about to write: replaced if the journal says we were writing it, else refused', () => {
    const victim = manifestOf(complete('resume-probe')).files.find((f) =>
      f.path.startsWith('tap_events/event_date=2025-06-2'),
    )!.path;
    const notVictim = (p: string) => p !== victim;
    const ours = interrupted('resume-intended', notVictim, [victim]);
    writeFileSync(join(ours, victim), 'half a file a crash left');
    const run = runCli([...ARGS, '--out', ours]);
    expect(run.status, run.stderr).toBe(0);
    expect(manifestOf(ours).files).toEqual(manifestOf(reference).files);

    const theirs = interrupted('resume-unclaimed', notVictim, []);
    writeFileSync(join(theirs, victim), 'a user’s file');
    expectRefused(runCli([...ARGS, '--out', theirs]), new RegExp(`did not write \\(${literal(victim)}\\)`));
    expect(readFileSync(join(theirs, victim), 'utf8')).toBe('a user’s file');
  });
});

describe('Iceberg metadata (_iceberg.json)', () => {
  it('vouches only for files in a table’s metadata folder; a resume removes those, and the record', () => {
    const out = interrupted('iceberg-resume', () => true, []);
    const metadata = ['accounts/metadata/v1.metadata.json', 'tap_events/metadata/1-m0.avro'];
    put(out, [...metadata, 'accounts/notes.txt']);
    const files = [...metadata, 'accounts/notes.txt'].map((path) => ({ path, bytes: 1, sha256: '' }));
    const record = { format_version: 2, table_location: 'file:///x', complete: false, tables: [], files };
    writeFileSync(join(out, '_iceberg.json'), JSON.stringify(record));
    expectRefused(runCli([...ARGS, '--out', out]), /did not write \(accounts\/notes\.txt\)/);
    rmSync(join(out, 'accounts/notes.txt'));
    const run = runCli([...ARGS, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(filesIn(out)).toEqual(filesIn(reference));
  });
});

describe('a folder that cannot be written', () => {
  const canMount =
    spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o ro tmpfs ${root}`]).status === 0;
  const canDrop =
    spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;

  /** Runs the CLI inside a private mount namespace where `dir` is an empty read-only file system. */
  const onReadOnly = (dir: string, out: string) =>
    spawnSync(
      'unshare',
      [
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs -o ro tmpfs "$0" && exec "$@"`,
        dir,
        process.execPath,
        CLI,
        ...ARGS,
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
  /** Runs the CLI as user nobody (root ignores folder permissions). */
  const asNobody = (out: string) =>
    spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...ARGS, '--out', out],
      { encoding: 'utf8' },
    );

  it.skipIf(!canMount)(
    'on a read-only file system (needs unshare and mount): exit 2 naming the cause',
    () => {
      const dir = join(root, 'ro');
      mkdirSync(dir);
      for (const [out, place] of [
        [dir, dir],
        [join(dir, 'new', 'deeper'), dir],
      ]) {
        expectRefused(
          onReadOnly(dir, out!),
          new RegExp(
            `^gen-parquet: --out ${out}: cannot write to ${place}: read-only file system; pass a writable folder$`,
          ),
        );
      }
    },
  );

  it.skipIf(!canDrop)('without permission (needs setpriv, run as nobody): exit 2 naming the cause', () => {
    const dir = join(root, 'no-permission');
    mkdirSync(dir);
    for (let d = dir; d !== '/'; d = dirname(d)) if (d.startsWith(root)) chmodSync(d, 0o755);
    chmodSync(dir, 0o555);
    for (const [out, place] of [
      [dir, dir],
      [join(dir, 'new', 'deeper'), dir],
    ]) {
      expectRefused(
        asNobody(out!),
        new RegExp(
          `^gen-parquet: --out ${out}: cannot write to ${place}: permission denied; pass a writable folder$`,
        ),
      );
    }
  });
});

describe('I/O errors', () => {
  const canMount =
    spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${root}`]).status === 0;
  /** The reference's manifest with its file list repeated to ~150 KB, past both 64 KB limits. */
  const bigManifest = () => {
    const path = join(root, 'big-manifest.json');
    const m = manifestOf(reference);
    const times = Math.ceil(150_000 / JSON.stringify(m).length);
    writeFileSync(path, JSON.stringify({ ...m, files: Array.from({ length: times }, () => m.files).flat() }));
    return path;
  };
  /** Writes a ~150 KB manifest into `dir` with the real writeManifest, in a child under `limit`; it prints the error and what `dir` then holds. */
  const writeManifestUnder = (limit: 'full disk' | 'file-size limit', dir: string) => {
    const script = `process.on('SIGXFSZ', () => {});
      const { readdirSync, readFileSync } = await import('node:fs');
      const { writeManifest } = await import(process.argv[1]);
      const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
      await writeManifest(process.argv[3], manifest).catch((e) => {
        // The folder is listed from inside: a private mount is gone once this process ends.
        console.error(e.message);
        console.error(JSON.stringify(readdirSync(process.argv[3])));
        process.exit(3);
      });`;
    const node = [process.execPath, '--input-type=module', '-e', script];
    const args = [join(CLI, '..', 'run', 'manifest.js'), bigManifest(), dir];
    return limit === 'full disk'
      ? spawnSync(
          'unshare',
          ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0" && exec "$@"', dir, ...node, ...args],
          { encoding: 'utf8' },
        )
      : spawnSync('bash', ['-c', 'ulimit -f 64; exec "$@"', 'bash', ...node, ...args], { encoding: 'utf8' });
  };

  it.each([
    ['full disk', 'no space left on device \\(ENOSPC\\)'],
    ['file-size limit', 'file too large \\(EFBIG\\)'],
  ] as const)(
    'a %s while writing _manifest.json names the file and leaves no _manifest.json.tmp',
    (limit, why) => {
      if (limit === 'full disk' && !canMount) return; // needs unshare and mount for a small file system
      complete('io-reference');
      const dir = join(root, `io-${limit.replace(/\W/g, '')}`);
      mkdirSync(dir);
      const run = writeManifestUnder(limit, dir);
      expect(run.status, run.stderr).toBe(3);
      const [message, left] = run.stderr.trim().split('\n');
      expect(message).toMatch(new RegExp(`^cannot write ${dir}/_manifest.json: ${why}$`));
      expect(JSON.parse(left!)).toEqual([]);
    },
  );
});
