/**
 * A private PostgreSQL server for tests: Debian's `postgresql` binaries, a cluster initialised in a
 * temporary folder, listening on a free local port (password auth) and a Unix socket in that folder.
 * As root the server runs as `nobody` (PostgreSQL refuses root), in a folder that user owns.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/<database>` */
  url(database?: string): string;
  readonly port: number;
  readonly password: string;
  /** The folder holding the cluster and the socket (as `host=` for psql). */
  readonly dir: string;
  /** Runs one of the server's binaries (psql, …) as the server's user, with `input` on stdin. */
  run(binary: string, args: readonly string[], input?: string): string;
  stop(): void;
}

/** The newest installed major version's binaries, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error(`no PostgreSQL under ${root}: apt-get install -y postgresql`);
  return join(root, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const NOBODY = 65534;

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'gen-parquet-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, NOBODY, NOBODY);
  const exec = (binary: string, args: readonly string[], input?: string) => {
    const options = { cwd: dir, encoding: 'utf8', input, stdio: 'pipe' } as const;
    return asRoot
      ? execFileSync('runuser', ['-u', 'nobody', '--', join(bin, binary), ...args], options)
      : execFileSync(join(bin, binary), args, options);
  };
  const data = join(dir, 'data');
  const password = 'test-secret-pw';
  const stop = () => {
    try {
      exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, `${password}\n`);
    if (asRoot) chownSync(pwfile, NOBODY, NOBODY);
    exec('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--pwfile',
      pwfile,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--no-locale',
    ]);
    const port = await freePort();
    // fsync off: a test cluster never needs to survive a power cut, and it saves the disk.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    exec('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
    return {
      url: (database = 'postgres') => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
      port,
      password,
      dir,
      run: (binary, args, input) =>
        exec(binary, ['-h', dir, '-p', String(port), '-U', 'postgres', ...args], input),
      stop,
    };
  } catch (err) {
    stop();
    throw err;
  }
}
