/**
 * A quality profile: which kinds of issue to plant, where, and at what rate. Profiles are named in a
 * pack's config (its `quality:` section), built in (`typical`, for every pack), or read from a YAML
 * file; each is checked once by zod and hashed (canonical JSON), and the hash joins the run's
 * parameters, so a folder made with another profile is never mixed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.js';

/** How a kind plants: the engine's built-in plant types (a kind's `type`, or its name when it is one). */
export const PLANT_TYPES = [
  'missing',
  'duplicate',
  'near_duplicate',
  'outlier',
  'impossible',
  'orphan',
  'late',
  'format_variant',
  'value',
  'copy',
  'drop',
  'volume_drop',
  'volume_spike',
  'freshness_gap',
  'local_time',
  'out_of_order',
  'missing_children',
  'column_added',
  'column_renamed',
  'column_retyped',
] as const;
export type PlantType = (typeof PLANT_TYPES)[number];

/** Plant types decided once per table and day (every row of a chosen day), not row by row. */
export const DAY_TYPES: readonly PlantType[] = ['volume_drop', 'volume_spike', 'freshness_gap'];

/** Schema drift: a change to a table's columns in every file from a day on, not to rows. */
export const DRIFT_TYPES = ['column_added', 'column_renamed', 'column_retyped'] as const;
export type DriftType = (typeof DRIFT_TYPES)[number];
export const isDrift = (type: string): type is DriftType => (DRIFT_TYPES as readonly string[]).includes(type);

const share = z.number().min(0).max(1);

const kindSchema = z
  .object({
    type: z.enum(PLANT_TYPES).optional(),
    /**
     * Row kinds: share of each eligible table's rows; day kinds: share of its days; missing_children:
     * share of the parents. Drift kinds have none.
     */
    rate: share.optional(),
    tables: z.array(z.string()).min(1).optional(),
    /** `table.column` or `column` (in every table that has it). */
    columns: z.array(z.string()).min(1).optional(),
    /** `value`: what the cell becomes (null for NULL; timestamps and dates as ISO text). */
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    /** `copy`: the column of the same row whose value the cell takes. */
    from: z.string().optional(),
    /** Day kinds: the share of the day's rows dropped or repeated, drawn in [lo, hi]. */
    share: z.tuple([share, share]).optional(),
    /** Drift kinds: the column's name in the drifted files (added: the new column's). */
    name: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a column name: letters, digits and _')
      .optional(),
    /** Drift kinds: the first drifted day, counted from the window's first day (its files from then on). */
    after_days: z.number().int().min(1).optional(),
  })
  .strict();

export const profileSchema = z
  .object({
    description: z.string().optional(),
    kinds: z.record(
      z.string().regex(/^[a-z][a-z0-9_]*$/, 'kind names: lower case, digits and _'),
      kindSchema,
    ),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
export type KindSpec = Profile['kinds'][string];

/** A config's `quality:` section: named profiles. */
export const profilesSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/), profileSchema);

/**
 * The seed's "95 % clean, 5 % with realistic issues", for any pack: about 4.5 % of each table's rows
 * carry one row-level issue, and about 1 % of a fact table's days are a volume anomaly or a gap.
 */
export const TYPICAL: Profile = {
  description: "The seed's 5 %: missing values, duplicates, outliers, orphans, late rows, volume anomalies.",
  kinds: {
    missing: { rate: 0.015 },
    duplicate: { rate: 0.006 },
    near_duplicate: { rate: 0.005 },
    outlier: { rate: 0.005 },
    impossible: { rate: 0.002 },
    orphan: { rate: 0.003 },
    late: { rate: 0.004 },
    format_variant: { rate: 0.005 },
    volume_drop: { rate: 0.004, share: [0.4, 0.8] },
    volume_spike: { rate: 0.004, share: [0.5, 1] },
    freshness_gap: { rate: 0.002 },
  },
};

/**
 * `typical` over a source whose schema evolves (the seed's "schema evolution over time"): every fact
 * table gains a column after 7 days, has one renamed after 14 and its time column delivered as text
 * after 21, and rows carry local times, out-of-order ids and parents without children too. Not part
 * of `typical`: a reader globbing a table's files across the drift dates needs `union_by_name`.
 */
export const EVOLVING: Profile = {
  description:
    'typical, plus schema drift (a column added, one renamed, a timestamp as text), local times, out-of-order ids, missing children.',
  kinds: {
    ...TYPICAL.kinds,
    local_time: { rate: 0.003 },
    out_of_order: { rate: 0.002 },
    missing_children: { rate: 0.002 },
    column_added: { after_days: 7 },
    column_renamed: { after_days: 14 },
    column_retyped: { after_days: 21 },
  },
};

export const BUILT_IN: Readonly<Record<string, Profile>> = { typical: TYPICAL, evolving: EVOLVING };

/** A profile chosen for a run: what the manifest records (name or path, sha256) and the profile itself. */
export interface QualitySetup {
  readonly profile: string;
  readonly sha256: string;
  readonly spec: Profile;
}

/** JSON with object keys sorted: the same profile hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function profileHash(profile: Profile): string {
  return createHash('sha256').update(canonical(profile)).digest('hex');
}

/** zod's first complaint as `where: what`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : '(top level)';
  const what = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.join(', ')}` : issue.message;
  return `${where}: ${what}`;
}

/** Checks a parsed profile; `source` names it in the error (`--quality FILE`). */
export function parseProfile(raw: unknown, source: string): Profile {
  const result = profileSchema.safeParse(raw);
  if (!result.success) throw new UsageError(`${source}: ${firstIssue(result.error)}`);
  for (const [name, kind] of Object.entries(result.data.kinds)) {
    const type = kind.type ?? name;
    if (!(PLANT_TYPES as readonly string[]).includes(type))
      throw new UsageError(
        `${source}: kinds.${name}: not a built-in kind, so it needs a type; accepted types: ${PLANT_TYPES.join(', ')}`,
      );
    if (isDrift(type) && kind.rate !== undefined)
      throw new UsageError(
        `${source}: kinds.${name}: schema drift has no rate; accepted: after_days (the first drifted day)`,
      );
    if (!isDrift(type) && kind.rate === undefined)
      throw new UsageError(`${source}: kinds.${name}: rate: required (a share, 0 to 1)`);
    if (!isDrift(type) && (kind.name !== undefined || kind.after_days !== undefined))
      throw new UsageError(
        `${source}: kinds.${name}: name and after_days are for schema drift (column_added, column_renamed, column_retyped)`,
      );
  }
  return result.data;
}

/** The named profiles of a config's `quality:` section (none when it has no such section). */
export function configProfiles(section: unknown, configPath: string): Record<string, Profile> {
  if (section === undefined) return {};
  const result = profilesSchema.safeParse(section);
  if (!result.success) throw new UsageError(`${configPath}: quality.${firstIssue(result.error)}`);
  const out: Record<string, Profile> = {};
  for (const [name, raw] of Object.entries(result.data))
    out[name] = parseProfile(raw, `${configPath}: quality.${name}`);
  return out;
}

/**
 * `--quality PROFILE`: a profile named in the config (which may redefine `typical`), a built-in one,
 * or a YAML file (a path: it contains a `/` or ends in `.yaml`/`.yml`).
 */
export function resolveProfile(arg: string, named: Readonly<Record<string, Profile>>): QualitySetup {
  const known = { ...BUILT_IN, ...named };
  const byName = Object.hasOwn(known, arg) ? known[arg] : undefined;
  if (byName) return { profile: arg, sha256: profileHash(byName), spec: byName };
  if (!/[/\\]|\.ya?ml$/i.test(arg)) {
    throw new UsageError(
      `--quality ${arg}: no such profile; accepted: ${Object.keys(known).sort().join(', ')}, or a YAML file path`,
    );
  }
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--quality ${arg}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}; pass a profile name (${Object.keys(known).sort().join(', ')}) or a YAML file`,
    );
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new UsageError(
      `--quality ${arg}: not valid YAML: ${String((err as Error).message).split('\n')[0]}`,
    );
  }
  const spec = parseProfile(raw, `--quality ${arg}`);
  return { profile: arg, sha256: profileHash(spec), spec };
}
