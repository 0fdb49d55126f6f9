/**
 * The launchers in docs/launchers/ run "in simulation", so they cannot rot: each one's own command
 * lines, read from the file, run here as the engine would run them (the index variable set for every
 * index, all parts at once, then the commit), with `gen-parquet` on the PATH as the built CLI and only
 * the output folder and the scale changed (TapFlow at 0.001x). Kubernetes (one shared folder) and
 * GitHub Actions (a folder per runner, merged) must end in the same committed, validated dataset; the
 * Slurm scripts, run the same way, must call gen-parquet with exactly Kubernetes' arguments (a
 * recording gen-parquet: the same shared-folder flow need not be generated twice).
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { tempDir } from '../helpers.js';

const DOCS = join(import.meta.dirname, '..', '..', 'docs', 'launchers');
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
const root = tempDir('launchers');
const SCALE = '0.001x';

// `gen-parquet` on the PATH: the built CLI, as `npm link` or an image would put it.
const bin = join(root, 'bin');
mkdirSync(bin);
// With GEN_PARQUET_LOG set it notes its arguments there; with GEN_PARQUET_DRY set it only does that.
writeFileSync(
  join(bin, 'gen-parquet'),
  `#!/bin/sh\n[ -n "$GEN_PARQUET_LOG" ] && echo "$*" >> "$GEN_PARQUET_LOG"\n[ -n "$GEN_PARQUET_DRY" ] && exit 0\nexec "${process.execPath}" "${CLI}" "$@"\n`,
);
const K8S_LOG = join(root, 'kubernetes.argv');
const SLURM_LOG = join(root, 'slurm.argv');
const argv = (log: string) => readFileSync(log, 'utf8').trim().split('\n').sort();
chmodSync(join(bin, 'gen-parquet'), 0o755);

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

function run(argv: readonly string[], env: Record<string, string>, cwd = root): Promise<Exit> {
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd,
    env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((r) => child.on('exit', (code) => r({ code, stderr })));
}

const read = (name: string) => readFileSync(join(DOCS, name), 'utf8');

interface Container {
  command: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  volumeMounts?: { mountPath: string }[];
}

/** A Job's container: its command line and environment. */
function jobOf(file: string) {
  const job = parseAllDocuments(read(file))
    .map((d) => d.toJS())
    .find((d) => d.kind === 'Job');
  const container = job.spec.template.spec.containers[0] as Container;
  const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, String(e.value)]));
  return { spec: job.spec, argv: [...container.command, ...(container.args ?? [])], env, container };
}

/** Kubernetes: the Indexed Job's command for JOB_COMPLETION_INDEX 0 … completions-1, then the commit Job's. */
async function kubernetes(out: string): Promise<{ parts: Exit[]; commit: Exit }> {
  const parts = jobOf('kubernetes-parts.yaml');
  expect(parts.spec.completionMode).toBe('Indexed');
  const n = parts.spec.completions as number;
  expect(parts.spec.parallelism).toBe(n);
  expect(Number(parts.env.PARTS)).toBe(n);
  // The output is on the volume every pod mounts.
  expect(parts.env.OUT!.startsWith(`${parts.container.volumeMounts![0]!.mountPath}/`)).toBe(true);
  const env = { ...parts.env, OUT: out, SCALE, GEN_PARQUET_LOG: K8S_LOG };
  const exits = await Promise.all(
    Array.from({ length: n }, (_, i) => run(parts.argv, { ...env, JOB_COMPLETION_INDEX: String(i) })),
  );
  const commit = jobOf('kubernetes-commit.yaml');
  expect(commit.env.OUT).toBe(parts.env.OUT);
  return {
    parts: exits,
    commit: await run(commit.argv, { ...commit.env, OUT: out, GEN_PARQUET_LOG: K8S_LOG }),
  };
}

/** Slurm: the array script for SLURM_ARRAY_TASK_ID 1 … N (from `#SBATCH --array=1-N`), then the commit script, recorded only. */
async function slurm(out: string): Promise<{ parts: Exit[]; commit: Exit }> {
  const script = read('slurm-parts.sh');
  const n = Number(/^#SBATCH --array=1-(\d+)$/m.exec(script)![1]);
  const cpus = /^#SBATCH --cpus-per-task=(\d+)$/m.exec(script)![1]!;
  const record = { GEN_PARQUET_LOG: SLURM_LOG, GEN_PARQUET_DRY: '1' };
  const env = { OUT: out, SCALE, SLURM_ARRAY_TASK_COUNT: String(n), SLURM_CPUS_PER_TASK: cpus, ...record };
  const exits = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      run(['bash', join(DOCS, 'slurm-parts.sh')], { ...env, SLURM_ARRAY_TASK_ID: String(i + 1) }),
    ),
  );
  return {
    parts: exits,
    commit: await run(['bash', join(DOCS, 'slurm-commit.sh')], { OUT: out, ...record }),
  };
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string | boolean>;
}

/**
 * GitHub Actions: each matrix entry on a runner of its own (a folder), its `gen-parquet` lines run
 * with `${{ matrix.part }}` filled in, its upload an artifact folder; the commit job downloads them
 * all into one folder and runs its lines. Setup steps (checkout, Node, npm) are what the PATH gives.
 */
async function githubActions(runner: string): Promise<{ parts: Exit[]; commit: Exit }> {
  const workflow = parse(read('github-actions.yml'));
  const env = { ...workflow.env, SCALE } as Record<string, string>;
  const artifacts = join(root, 'gha-artifacts');
  const steps = async (list: Step[], cwd: string, matrix: Record<string, string>): Promise<Exit[]> => {
    const fill = (s: string) => s.replace(/\$\{\{ matrix\.(\w+) \}\}/g, (_, k) => matrix[k]!);
    const exits: Exit[] = [];
    for (const step of list) {
      if (step.run) {
        for (const line of step.run.split('\n').filter((l) => l.startsWith('gen-parquet ')))
          exits.push(await run(['sh', '-c', fill(line)], env, cwd));
      } else if (step.uses?.startsWith('actions/upload-artifact@')) {
        cpSync(join(cwd, String(step.with!.path)), join(artifacts, fill(String(step.with!.name))), {
          recursive: true,
        });
      } else if (step.uses?.startsWith('actions/download-artifact@')) {
        expect(step.with!['merge-multiple']).toBe(true);
        const pattern = new RegExp(`^${String(step.with!.pattern).replace('*', '.*')}$`);
        for (const name of readdirSync(artifacts).filter((a) => pattern.test(a)))
          cpSync(join(artifacts, name), join(cwd, String(step.with!.path)), { recursive: true });
      }
    }
    return exits;
  };
  const values = workflow.jobs.part.strategy.matrix.part as number[];
  expect(Number(env.PARTS)).toBe(values.length);
  const parts = await Promise.all(
    values.map((v) => {
      const runner = join(root, `gha-runner-${v}`);
      mkdirSync(runner);
      return steps(workflow.jobs.part.steps, runner, { part: String(v) });
    }),
  );
  expect(workflow.jobs.commit.needs).toBe('part');
  mkdirSync(runner);
  const commit = await steps(workflow.jobs.commit.steps, runner, {});
  // The commit job's own upload went to `dataset`: the committed folder.
  cpSync(join(artifacts, 'dataset'), join(root, 'gha-dataset'), { recursive: true });
  expect(commit).toHaveLength(1);
  return { parts: parts.flat(), commit: commit[0]! };
}

describe('launchers in simulation', () => {
  const results = new Map<string, { parts: Exit[]; commit: Exit }>();
  const k8s = join(root, 'k8s');

  beforeAll(async () => {
    const [k, s, g] = await Promise.all([
      kubernetes(k8s),
      // Given Kubernetes' folder: its calls must be Kubernetes' own.
      slurm(k8s),
      githubActions(join(root, 'gha')),
    ]);
    results.set('kubernetes', k).set('slurm', s).set('github-actions', g);
  });

  it.each(['kubernetes', 'github-actions'])(
    '%s: every part, then the commit, which validates a finished dataset',
    (name) => {
      const { parts, commit } = results.get(name)!;
      expect(parts).toHaveLength(4);
      for (const p of parts) expect(p.code, p.stderr).toBe(0);
      expect(commit.code, commit.stderr).toBe(0);
      expect(commit.stderr).toMatch(/validation passed/);
    },
  );

  it('slurm: every task, then the commit, call gen-parquet exactly as the Kubernetes jobs do', () => {
    const { parts, commit } = results.get('slurm')!;
    for (const p of [...parts, commit]) expect(p.code, p.stderr).toBe(0);
    const calls = argv(SLURM_LOG);
    expect(calls).toHaveLength(5);
    expect(calls).toEqual(argv(K8S_LOG));
    const indexes = calls.flatMap((c) => / --part (\d)\/4 /.exec(c)?.[1] ?? []);
    expect(indexes).toEqual(['1', '2', '3', '4']);
  });

  it('Kubernetes and GitHub Actions give the same dataset', () => {
    const folders = [k8s, join(root, 'gha-dataset')];
    const manifests = folders.map((f) => readFileSync(join(f, '_manifest.json'), 'utf8'));
    expect(manifests[1]).toBe(manifests[0]);
    for (const f of folders) {
      expect(existsSync(join(f, '_SUCCESS'))).toBe(true);
      expect(existsSync(join(f, '_parts'))).toBe(false);
    }
  });
});
