#!/usr/bin/env node
/**
 * The `gen-parquet` command. Exit codes: 0 success; 1 validation failed or the run failed;
 * 2 bad input (one line: what is wrong, what is accepted); 128 + the signal's number when stopped by
 * SIGINT (Ctrl-C, 130), SIGTERM (143) or SIGHUP (129): re-run to resume.
 */
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { LoadedConfig } from './config/load.js';
import { InterruptedError, UsageError } from './errors.js';
import type { IcebergResult } from './iceberg/writeIceberg.js';
import {
  formatLoadSummary,
  formatPlan,
  formatScenarios,
  formatSummary,
  formatValidation,
  loadSummaryJson,
} from './report.js';
import { Progress } from './run/progress.js';
import type { ScenarioPack } from './scenario/scenarioPack.js';
import { CATALOG, DEFAULT_SCENARIO } from './scenarios/catalog.js';
import { listenForStopSignals } from './stopSignals.js';
import {
  type DateWindow,
  parseDays,
  parseEnd,
  resolveWindow,
  windowDays,
  windowOfDays,
} from './time/window.js';
import type { ValidationReport } from './validate/validate.js';
import { GENERATOR, PACKAGE_ROOT } from './version.js';

// Each command imports what it runs (packs, DuckDB, Arrow, Piscina, faker) inside its action, so that
// `--help` and `scenarios` load none of it: they answer in a fraction of the time.

/** While a command works on a bucket through a staging folder (`onOut`), what it prints names the bucket. */
const staging: { dir?: string; url?: string } = {};
const shown = (text: string) => (staging.dir ? text.split(staging.dir).join(staging.url) : text);

const err = (line: string) => process.stderr.write(shown(`${line}\n`));

/** The pack a folder's manifest names; a manifest from before scenarios were recorded was written by TapFlow, then the only pack. */
async function packFinder(): Promise<(name: string | undefined) => ScenarioPack> {
  const { findScenario } = await import('./scenarios/registry.js');
  return (name) => findScenario(name ?? DEFAULT_SCENARIO);
}

async function runValidation(outDir: string, print: boolean, stop: AbortSignal): Promise<ValidationReport> {
  const { validateAndRecord } = await import('./validate/validate.js');
  const report = await validateAndRecord(outDir, await packFinder(), stop);
  if (print) err(formatValidation(report));
  return report;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Progress on stderr: redrawn lines on a terminal, plain lines in a pipe, nothing with --quiet. */
const progressOn = (quiet: boolean) =>
  new Progress(quiet ? 'quiet' : process.stderr.isTTY ? 'tty' : 'lines', (t) =>
    process.stderr.write(shown(t)),
  );

/** After a run or an append: validation unless `--no-validate`, the `--json` summary, exit 1 if a check failed. */
async function validateAndSummarize(
  o: { out: string; validate: boolean; quiet: boolean; json: boolean },
  stop: AbortSignal,
  summary: Record<string, unknown>,
): Promise<void> {
  const report = o.validate ? await runValidation(o.out, !o.quiet, stop) : undefined;
  if (o.json) {
    const validation = report && {
      passed: report.passed,
      failed: report.checks.filter((c) => !c.pass).map((c) => c.name),
    };
    process.stdout.write(shown(`${JSON.stringify({ out: o.out, ...summary, validation })}\n`));
  }
  if (report && !report.passed) process.exitCode = 1;
}

const QUALITY_HELP =
  "plant data-quality issues and list them in _quality/ (ground truth): a profile of the config's quality: section, typical (the seed's 5 %), evolving (typical plus schema drift, local times, out-of-order ids, missing children), or a YAML file (default: clean)";

const SOURCES_HELP =
  "3: also write the scenario's entity table as three conflicting source extracts (<table>_source_a/b/c) and their ground-truth map (<table>_source_map)";

const TABLE_LOCATION_HELP =
  "where the Iceberg tables will live, an absolute URI (s3://bucket/db, http://host/out): each table's metadata names its files under <URI>/<table>/ (default: the output folder's file:// URI)";

/** `--table-location` or the default, for `--out`. */
async function tableLocation(o: { tableLocation?: string; out: string }): Promise<string> {
  const { defaultTableLocation, parseTableLocation } = await import('./iceberg/writeIceberg.js');
  return o.tableLocation === undefined ? defaultTableLocation(o.out) : parseTableLocation(o.tableLocation);
}

const icebergLine = (out: string, r: IcebergResult) =>
  r.written
    ? `wrote Iceberg v2 metadata of ${r.tables.length} tables in ${out}/<table>/metadata/ (table location ${r.location}/<table>)`
    : `${out} already holds this Iceberg metadata (table location ${r.location}): nothing to do`;

const SCENARIO_OPTION = (cmd: Command) =>
  cmd.option(
    '--scenario <name>',
    `the business to generate: ${CATALOG.map((p) => p.name).join(', ')} (see gen-parquet scenarios)`,
    DEFAULT_SCENARIO,
  );

const DESIGN_OPTIONS = (cmd: Command) =>
  SCENARIO_OPTION(cmd)
    .option(
      '--scale <S>',
      "size: 1x is the scenario's reference size (TapFlow: 10M tap events, ~250 MB); 0.001x … 1000x, or a bare number",
      '1x',
    )
    .option('--seed <n>', 'random seed: same seed, scale and config give byte-identical files', '42')
    .option('--config <file>', "the dataset design (YAML; default: the scenario's, e.g. config/tapflow.yaml)")
    .option(
      '--set <key.path=value>',
      'override one config value (repeatable), checked like the file: --set tap_events.rows=2000000',
      collect,
      [] as string[],
    )
    .option('--tables <a,b>', "tables to write, comma-separated (default: all of the scenario's)")
    .option(
      '--changes',
      'also a change log <table>_changes of each mutable table: one row per insert or update, partitioned by change date, append-only',
    )
    .option('--days <n>', "the business window's length in days (default: the scenario's configured window)")
    .option(
      '--end <date>',
      "the window's last day, YYYY-MM-DD, or today (UTC; recorded as the date) (default: the configured one)",
    )
    .option(
      '--partition-by <unit>',
      'fact files per UTC day (event_date=YYYY-MM-DD: ~1,900 files per table at 1x, a few MB or less each) ' +
        'or per month (event_month=YYYY-MM: ~63 files per table, ≤1M rows each; fewer, bigger files load and scan faster, ' +
        'but a date filter can no longer skip files by folder)',
      'day',
    );

/** A pack's config: its file (or `--config`) with the `--set` overrides. */
async function configOf(
  pack: ScenarioPack,
  file: string | undefined,
  set: readonly string[],
): Promise<LoadedConfig> {
  const { loadConfig } = await import('./config/load.js');
  const { parseOverride } = await import('./config/overrides.js');
  const example = relative(PACKAGE_ROOT, pack.configFile);
  return loadConfig(file ?? pack.configFile, pack.configSchema, set.map(parseOverride), example);
}

/** The scenario, its config (file plus --set overrides), the window and the tables a design command asks for. */
async function design(o: {
  scenario: string;
  config?: string;
  set: string[];
  tables?: string;
  days?: string;
  end?: string;
  changes?: boolean;
}): Promise<{ pack: ScenarioPack; loaded: LoadedConfig; tables: string[]; window: DateWindow }> {
  const { findScenario } = await import('./scenarios/registry.js');
  const { parseChanges, parseTables } = await import('./options.js');
  const pack = findScenario(o.scenario);
  const loaded = await configOf(pack, o.config, o.set);
  // Change logs come with --changes, never by name.
  const names = pack.tables.filter((t) => !t.changesOf).map((t) => t.name);
  const window = resolveWindow(
    pack.window.of(loaded.config),
    o.days === undefined ? undefined : parseDays(o.days),
    o.end === undefined ? undefined : parseEnd(o.end, Date.now()),
  );
  const chosen = o.tables === undefined ? names : parseTables(o.tables, names);
  return { pack, loaded, window, tables: parseChanges(pack, chosen, o.changes === true) };
}

const S3_ENDPOINT_HELP =
  'with --out s3://bucket/prefix: an S3-compatible store (MinIO, …), addressed path-style (default: AWS_ENDPOINT_URL, else AWS S3)';

const isS3 = async (out: string) => (await import('./storage/s3Location.js')).isS3Url(out);

type OutFlags = {
  out: string;
  s3Endpoint?: string;
  tableFormat?: string;
  tableLocation?: string;
};

/** A run reads the manifest's and its journal's files (a finished dataset is validated again, an unfinished one resumed). */
const RUN_S3 = {
  mode: { reads: (l: string) => l === '_manifest.json' || l === '_progress.jsonl' },
  push: true,
  journals: ['_progress.jsonl'],
} as const;
/** A commit reads every part record's files (their sizes are checked, the dataset validated). */
const COMMIT_S3 = {
  mode: { reads: (l: string) => l === '_manifest.json' || /^_parts\/[^/]+\.json$/.test(l) },
  push: true,
} as const;

/**
 * Runs `body` with `o.out`, or, for `s3://bucket/prefix`, with a staging folder that stands for it
 * (src/storage/s3Out.ts). Iceberg tables written to a bucket live there unless told otherwise.
 */
async function onOut<O extends OutFlags, T>(
  o: O,
  cmd: import('./storage/s3Out.js').S3Command,
  body: (o: O) => Promise<T>,
): Promise<T> {
  if (!(await isS3(o.out))) {
    refuseEndpoint(o);
    return body(o);
  }
  const { onS3 } = await import('./storage/s3Out.js');
  const { endpointOf } = await import('./storage/bucket.js');
  return onS3(o.out, endpointOf(o.s3Endpoint), cmd, async (dir, loc) => {
    Object.assign(staging, { dir, url: loc.url });
    try {
      return await body({
        ...o,
        out: dir,
        ...(o.tableFormat?.trim().toLowerCase() === 'iceberg' && o.tableLocation === undefined
          ? { tableLocation: loc.url }
          : {}),
      });
    } finally {
      Object.assign(staging, { dir: undefined, url: undefined });
    }
  });
}

function refuseEndpoint(o: OutFlags): void {
  if (o.s3Endpoint !== undefined)
    throw new UsageError(
      `--s3-endpoint ${o.s3Endpoint}: only with --out s3://bucket/prefix, not --out ${o.out}`,
    );
}

async function refuseS3(out: string, command: string): Promise<void> {
  if (await isS3(out))
    throw new UsageError(
      `--out ${out}: ${command} does not write to object storage yet; accepted: a local folder (then upload it)`,
    );
}

/**
 * Commits a partitioned run's parts (the last part does it itself: `auto`, which waits rather than
 * fails while parts are missing or running), then validates unless `--no-validate`.
 */
async function commitAndValidate(
  o: { out: string; validate: boolean; quiet: boolean; json: boolean },
  stop: AbortSignal,
  auto: boolean,
  summary: Record<string, unknown> = {},
): Promise<void> {
  const { commitParts } = await import('./run/commit.js');
  const { defaultTableLocation, writeIcebergMetadata } = await import('./iceberg/writeIceberg.js');
  const { findScenario } = await import('./scenarios/registry.js');
  const progress = progressOn(o.quiet);
  let iceberg: IcebergResult | undefined;
  const result = await commitParts(o.out, {
    auto,
    beforeSuccess: async (manifest, parts) => {
      if (parts.table_format !== 'iceberg') return;
      const location = parts.table_location ?? defaultTableLocation(o.out);
      iceberg = await writeIcebergMetadata(
        o.out,
        manifest,
        findScenario(manifest.scenario).tables,
        location,
        stop,
      );
    },
  });
  if (result.kind === 'waiting') progress.line(`${o.out}: not committed yet: ${result.why}`);
  else if (result.kind === 'finished') progress.line(`${o.out} is a finished dataset: nothing to commit`);
  else progress.line(`committed the ${result.parts} parts: ${o.out} is a finished dataset`);
  if (iceberg) progress.line(icebergLine(o.out, iceberg));
  // The last part validates what it committed; `commit` validates the finished dataset, even one a part committed.
  const finished = result.kind === 'committed' || (!auto && result.kind === 'finished');
  await validateAndSummarize({ ...o, validate: o.validate && finished }, stop, {
    ...summary,
    commit: result.kind === 'waiting' ? { kind: result.kind, why: result.why } : { kind: result.kind },
    iceberg,
  });
}

/** `--part k/n`: writes one part, then commits if it was the last. */
type RunFlags = Parameters<typeof design>[0] &
  Record<
    'out' | 'part' | 'scale' | 'seed' | 'workers' | 'compression' | 'rowGroupRows' | 'partitionBy',
    string
  > & {
    readonly validate: boolean;
    readonly quiet: boolean;
    readonly json: boolean;
    readonly force: boolean;
    readonly tableFormat: string;
    readonly tableLocation?: string;
    readonly quality?: string;
    readonly sources?: string;
    readonly s3Endpoint?: string;
  };

/** A part, then the commit when it was the last; on a bucket, the part goes up before the commit looks. */
async function runPart(o: RunFlags, stop: AbortSignal): Promise<void> {
  const { parsePart } = await import('./options.js');
  const part = parsePart(o.part);
  if (!(await isS3(o.out))) {
    refuseEndpoint(o);
    return commitAndValidate(o, stop, true, await writePart(o, stop));
  }
  const { partsRecorded } = await import('./storage/s3Out.js');
  const { endpointOf } = await import('./storage/bucket.js');
  const { journalName, PARTS_DIR, partName } = await import('./run/partRecord.js');
  const own = [journalName(part), `${PARTS_DIR}/${partName(part)}.json`];
  const summary = await onOut(
    o,
    { mode: { reads: (l) => own.includes(l) }, push: true, journals: [journalName(part)] },
    (staged) => writePart(staged, stop),
  );
  // A committed dataset has no records left: nothing to commit, nothing missing.
  const committed = summary.written === 'complete';
  if (!committed && (await partsRecorded(o.out, endpointOf(o.s3Endpoint), part.n)))
    return onOut(o, COMMIT_S3, (staged) => commitAndValidate(staged, stop, true, summary));
  if (!committed) progressOn(o.quiet).line(`${o.out}: not committed yet: parts of ${part.n} still missing`);
  await validateAndSummarize({ ...o, validate: false }, stop, {
    ...summary,
    commit: { kind: committed ? 'finished' : 'waiting' },
  });
}

async function writePart(o: RunFlags, stop: AbortSignal): Promise<Record<string, unknown>> {
  const {
    parseCompression,
    parsePart,
    parsePartitionBy,
    parseRowGroup,
    parseScale,
    parseSeed,
    parseTableFormat,
    parseWorkers,
  } = await import('./options.js');
  const { parseTableLocation } = await import('./iceberg/writeIceberg.js');
  const { generatePart } = await import('./run/part.js');
  const part = parsePart(o.part);
  if (o.force) throw new UsageError(`--force: not with --part ${o.part} (a part writes only its own files)`);
  if (o.quality !== undefined)
    throw new UsageError(
      `--quality ${o.quality}: not with --part ${o.part} yet; accepted: --quality on a run without --part`,
    );
  if (o.sources !== undefined)
    throw new UsageError(
      `--sources ${o.sources}: not with --part ${o.part} yet; accepted: --sources on a run without --part`,
    );
  const { pack, loaded, tables, window } = await design(o);
  const tableFormat = parseTableFormat(o.tableFormat);
  if (o.tableLocation !== undefined && tableFormat !== 'iceberg')
    throw new UsageError(`--table-location ${o.tableLocation}: only with --table-format iceberg`);
  const progress = progressOn(o.quiet);
  const result = await generatePart({
    pack,
    loaded,
    window,
    part,
    tableFormat,
    ...(o.tableLocation === undefined ? {} : { tableLocation: parseTableLocation(o.tableLocation) }),
    scale: parseScale(o.scale, pack.minScale),
    seed: parseSeed(o.seed),
    outDir: o.out,
    workers: parseWorkers(o.workers),
    tables,
    compression: parseCompression(o.compression),
    rowGroupRows: parseRowGroup(o.rowGroupRows),
    partitionBy: parsePartitionBy(o.partitionBy),
    progress,
    signal: stop,
  });
  const name = `part ${part.k}/${part.n}`;
  if (result.kind === 'written') {
    progress.line(formatSummary(result.tables));
    progress.line(
      `wrote ${name} of ${o.out} (${result.record!.files.length} files) in ${result.seconds.toFixed(1)} s`,
    );
  } else if (result.kind === 'recorded') {
    progress.line(`${o.out}: ${name} is already written (its record and every file verified): nothing to do`);
  } else progress.line(`${o.out} already holds this dataset, committed: nothing to do`);
  return {
    part: `${part.k}/${part.n}`,
    written: result.kind,
    seconds: result.seconds,
    tables: result.tables,
  };
}

/** `stop`: aborted by the first stop signal; every long-running command checks it. */
function program(stop: AbortSignal): Command {
  const cmd = DESIGN_OPTIONS(
    new Command('gen-parquet')
      .description(
        'Generate a business dataset (a scenario pack: TapFlow by default) as deterministic, date-partitioned Parquet.',
      )
      .version(GENERATOR.version),
  )
    .option(
      '--out <dir>',
      'output folder; created if missing, must be empty unless --force or resuming',
      './output',
    )
    .option(
      '--workers <n>',
      'worker threads for fact tables (never changes the data; ~70 MB each)',
      String(availableParallelism()),
    )
    .option(
      '--force',
      'replace the dataset in a non-empty output folder (never deletes files it did not write)',
      false,
    )
    .option('--no-validate', 'skip the DuckDB checks after writing (they take about as long as generating)')
    .addOption(
      new Option(
        '--compression <codec>',
        'Parquet codec: zstd (smallest), snappy (fastest reads, ~1.5x bigger), gzip, none',
      ).default('zstd'),
    )
    .option(
      '--row-group-rows <n>',
      'max rows per Parquet row group: bigger compresses better, readers need more memory',
      '122880',
    )
    .option(
      '--table-format <format>',
      'none (Parquet files only) or iceberg: also an Apache Iceberg v2 table per dataset table, its metadata beside the files',
      'none',
    )
    .option('--table-location <uri>', `with --table-format iceberg: ${TABLE_LOCATION_HELP}`)
    .option(
      '--part <k/n>',
      'write only part k of n (1 ≤ k ≤ n), into a folder the other parts share; the last part to finish commits (see gen-parquet commit)',
    )
    .option('--s3-endpoint <url>', S3_ENDPOINT_HELP)
    .option('--quality <profile>', QUALITY_HELP)
    .option('--sources <n>', SOURCES_HELP)
    .option('--quiet', 'no progress or summary on stderr (errors still print)', false)
    .option('--json', 'print a machine-readable summary on stdout at the end', false)
    .action(async (flags) => {
      if (flags.part !== undefined) return runPart(flags, stop);
      return onOut(flags, RUN_S3, async (o) => {
        if (o.changes && o.quality !== undefined)
          throw new UsageError(
            `--quality ${o.quality}: not with --changes yet (a change log would need its own issues); accepted: one of them`,
          );
        const { pack, loaded, tables, window } = await design(o);
        const { generate } = await import('./run/coordinator.js');
        const { addIcebergMetadata, writeIcebergMetadata } = await import('./iceberg/writeIceberg.js');
        const {
          parseCompression,
          parsePartitionBy,
          parseQuality,
          parseRowGroup,
          parseScale,
          parseSeed,
          parseSources,
          parseTableFormat,
          parseWorkers,
        } = await import('./options.js');
        const sources =
          o.sources === undefined ? undefined : parseSources(o.sources, pack.name, pack.tables, tables);
        if (sources && o.quality !== undefined)
          throw new UsageError(
            `--sources ${o.sources}: not with --quality ${o.quality} yet; accepted: one or the other`,
          );
        const iceberg = parseTableFormat(o.tableFormat) === 'iceberg';
        if (o.tableLocation !== undefined && !iceberg) {
          throw new UsageError(
            `--table-location ${o.tableLocation}: only with --table-format iceberg (it says where the Iceberg tables will live)`,
          );
        }
        const quality = o.quality === undefined ? undefined : parseQuality(o.quality, loaded);
        const { isDrift } = await import('./quality/profile.js');
        if (iceberg && quality && Object.entries(quality.spec.kinds).some(([n, k]) => isDrift(k.type ?? n)))
          throw new UsageError(
            `--table-format iceberg: not with --quality ${o.quality}, whose schema drifts (an Iceberg table has one schema per snapshot); accepted: a profile without column_added, column_renamed or column_retyped`,
          );
        const location = iceberg ? await tableLocation(o) : undefined;
        let tableFormat: IcebergResult | undefined;
        const progress = progressOn(o.quiet);
        const result = await generate({
          pack,
          loaded,
          window,
          scale: parseScale(o.scale, pack.minScale),
          seed: parseSeed(o.seed),
          outDir: o.out,
          workers: parseWorkers(o.workers),
          tables,
          force: o.force,
          compression: parseCompression(o.compression),
          rowGroupRows: parseRowGroup(o.rowGroupRows),
          partitionBy: parsePartitionBy(o.partitionBy),
          quality,
          sources,
          progress,
          signal: stop,
          beforeSuccess:
            location === undefined
              ? undefined
              : async (manifest) => {
                  tableFormat = await writeIcebergMetadata(o.out, manifest, pack.tables, location, stop);
                },
        });
        if (result.alreadyComplete) {
          progress.line(
            `${o.out} already holds this dataset (same seed, scale, config and version): nothing to do`,
          );
          // The metadata is no part of the dataset's identity: a finished folder gets it (or a new location) now.
          if (location !== undefined)
            tableFormat = await addIcebergMetadata(o.out, await packFinder(), location, stop);
        } else {
          progress.line(formatSummary(result.tables));
          progress.line(`wrote ${o.out} in ${result.seconds.toFixed(1)} s`);
        }
        if (tableFormat) progress.line(icebergLine(o.out, tableFormat));
        await validateAndSummarize(o, stop, {
          seconds: result.seconds,
          already_complete: result.alreadyComplete,
          tables: result.tables,
          iceberg: tableFormat,
        });
      });
    });

  cmd
    .command('append')
    .description(
      'extend a finished dataset by the next days: their fact files, mutable tables as of the new end; atomic',
    )
    .option('--out <dir>', 'the finished dataset to extend', './output')
    .option('--days <n>', 'how many days to add after its last day')
    .option('--end <date>', 'or: its new last day, YYYY-MM-DD or today (UTC)')
    .option('--config <file>', "the dataset's config file, when it was not the scenario's default")
    .option(
      '--set <key.path=value>',
      "the dataset's --set overrides (default: those its manifest records)",
      collect,
      [] as string[],
    )
    .option('--workers <n>', 'worker threads (never changes the data)', String(availableParallelism()))
    .option('--quality <profile>', "the dataset's --quality profile (default: the one its manifest records)")
    .option(
      '--changes',
      "the dataset's change logs (default: as its manifest records; refused if it has none)",
    )
    .option('--no-validate', 'skip the DuckDB checks of the whole dataset afterwards')
    .option('--quiet', 'no progress or summary on stderr (errors still print)', false)
    .option('--json', 'print a machine-readable summary on stdout at the end', false)
    .action(async (o) => {
      await refuseS3(o.out, 'append');
      if ((o.days === undefined) === (o.end === undefined))
        throw new UsageError(
          'append: give either --days N (days to add) or --end YYYY-MM-DD (the new last day)',
        );
      const { readManifest } = await import('./run/manifest.js');
      const { append } = await import('./run/append.js');
      const { findScenario } = await import('./scenarios/registry.js');
      const { parseQuality, parseWorkers } = await import('./options.js');
      let manifest: Awaited<ReturnType<typeof readManifest>>;
      try {
        manifest = await readManifest(o.out);
      } catch {
        throw new UsageError(
          `--out ${o.out}: not a finished gen-parquet dataset (no readable _manifest.json); append extends a dataset a finished run wrote`,
        );
      }
      const pack = findScenario(manifest.scenario ?? DEFAULT_SCENARIO);
      const loaded = await configOf(pack, o.config, o.set.length ? o.set : (manifest.config_set ?? []));
      const { startDay, endDay } = windowDays(manifest.window);
      const newEnd = o.days !== undefined ? endDay + parseDays(o.days) : parseEnd(o.end, Date.now());
      if (newEnd < endDay)
        throw new UsageError(
          `--end ${o.end}: the dataset already ends on ${manifest.window.end}; accepted: a later date`,
        );
      if (manifest.sources !== undefined)
        throw new UsageError(
          `--out ${o.out}: made with --sources ${manifest.sources}, which append does not extend yet; accepted: a dataset made without --sources`,
        );
      const progress = progressOn(o.quiet);
      const quality: string | undefined = o.quality ?? manifest.quality?.profile;
      let iceberg: IcebergResult | undefined;
      const result = await append({
        pack,
        loaded,
        manifest,
        window: windowOfDays(startDay, newEnd),
        outDir: o.out,
        workers: parseWorkers(o.workers),
        progress,
        signal: stop,
        quality: quality === undefined ? undefined : parseQuality(quality, loaded),
        stageIceberg: async (next, record) => {
          const { stageIcebergIncrement } = await import('./iceberg/appendIceberg.js');
          iceberg = await stageIcebergIncrement(o.out, next, pack.tables, record);
        },
        ...(o.changes === undefined ? {} : { changes: true }),
      });
      if (result.alreadyComplete)
        progress.line(`${o.out} already ends on ${result.manifest.window.end}: nothing to do`);
      else {
        progress.line(formatSummary(result.tables));
        progress.line(`appended ${o.out} to ${result.manifest.window.end} in ${result.seconds.toFixed(1)} s`);
        if (iceberg)
          progress.line(
            `committed a snapshot of the increment to each of ${iceberg.tables.length} Iceberg tables (table location ${iceberg.location}/<table>)`,
          );
      }
      await validateAndSummarize(o, stop, {
        seconds: result.seconds,
        already_complete: result.alreadyComplete,
        window: result.manifest.window,
        increment: result.manifest.increments.at(-1),
        tables: result.tables,
        iceberg,
      });
    });

  cmd
    .command('commit')
    .description(
      'finish a partitioned run: check that all n parts (--part k/n) agree and their files are in place, write the manifest and _SUCCESS, validate',
    )
    .option('--out <dir>', 'the folder the parts wrote into', './output')
    .option('--no-validate', 'skip the DuckDB checks of the dataset afterwards')
    .option('--quiet', 'no progress or summary on stderr (errors still print)', false)
    .option('--json', 'print a machine-readable summary on stdout at the end', false)
    .option('--s3-endpoint <url>', S3_ENDPOINT_HELP)
    .action(async (flags) => onOut(flags, COMMIT_S3, (o) => commitAndValidate(o, stop, false)));

  cmd
    .command('validate')
    .description(
      'check a generated folder with DuckDB: keys, counts, time rules, business rules, distributions, checksums',
    )
    .option('--out <dir>', 'output folder to check', './output')
    .option('--json', 'print the report as JSON on stdout instead of the table', false)
    .option('--s3-endpoint <url>', S3_ENDPOINT_HELP)
    .action(async (flags) =>
      onOut(flags, { mode: 'all', push: true }, async (o) => {
        const report = await runValidation(o.out, !o.json, stop);
        if (o.json) process.stdout.write(shown(`${JSON.stringify(report)}\n`));
        process.exitCode = report.passed ? 0 : 1;
      }),
    );

  DESIGN_OPTIONS(
    cmd.command('plan').description('dry run: tables, files, rows, estimated size and time; writes nothing'),
  ).action(async (o) => {
    const { pack, loaded, tables, window } = await design(o);
    const { buildPlan, windowed } = await import('./run/runPlan.js');
    const { parsePartitionBy, parseScale, parseSeed } = await import('./options.js');
    const plan = await buildPlan(
      pack,
      windowed(pack, loaded, window),
      parseSeed(o.seed),
      parseScale(o.scale, pack.minScale),
      tables,
      parsePartitionBy(o.partitionBy),
      stop,
    );
    process.stdout.write(`${formatPlan(plan, join(PACKAGE_ROOT, 'bench', 'results'))}\n`);
  });

  SCENARIO_OPTION(
    cmd
      .command('schema')
      .description(
        "print a scenario's data dictionary (Markdown), DuckDB DDL (sql) or PostgreSQL DDL (postgres)",
      ),
  )
    .addOption(
      new Option('--format <f>', 'markdown, sql or postgres')
        .choices(['markdown', 'sql', 'postgres'])
        .default('markdown'),
    )
    .action(async (o) => {
      const { findScenario } = await import('./scenarios/registry.js');
      const { markdownDictionary, sqlDdl } = await import('./schema/dictionary.js');
      const { postgresDdl } = await import('./load/postgresDdl.js');
      const pack = findScenario(o.scenario);
      const formats = { sql: sqlDdl, postgres: postgresDdl } as const;
      const ddl = formats[o.format as keyof typeof formats];
      process.stdout.write(ddl ? ddl(pack.tables) : markdownDictionary(pack));
    });

  cmd
    .command('load')
    .description(
      'load a generated folder into PostgreSQL (tables, keys, foreign keys, swapped in atomically), a DuckDB file, or CSV files (dbt seeds)',
    )
    .option('--out <dir>', 'the generated folder to load', './output')
    .requiredOption(
      '--to <target>',
      'postgres://user:password@host:5432/database, duckdb:FILE (a DuckDB database file, created if missing), or csv:DIR (one CSV per table, the folder created if missing)',
    )
    .option('--schema <name>', 'schema of the tables (default: public in PostgreSQL, main in DuckDB)')
    .option(
      '--table-prefix <p>',
      'prefix of every table name (CSV: of every file name), e.g. app_database_',
      '',
    )
    .option(
      '--suffix <s>',
      'CSV: after the table in each file name: _training gives raw_customers_training.csv',
    )
    .option(
      '--tables <a,b>',
      "tables to load (default: all in the folder); their foreign keys' tables must be loaded too or be there",
    )
    .option(
      '--replace',
      'replace tables that exist (in one transaction: readers see the old tables or the new), even tables holding another dataset or a newer increment; CSV: files an earlier load wrote',
      false,
    )
    .option('--views', 'DuckDB: views over the Parquet files (by explicit list) instead of tables', false)
    .option('--quiet', 'no progress or summary on stderr (errors still print)', false)
    .option('--json', 'print a machine-readable summary on stdout at the end', false)
    .option('--s3-endpoint <url>', S3_ENDPOINT_HELP)
    .action(async (flags) => {
      if (flags.views && (await isS3(flags.out)))
        throw new UsageError(
          `--views: not with --out ${flags.out} (the views would name files of a temporary copy); accepted: --views on a local folder`,
        );
      return onOut(flags, { mode: 'all', push: false }, async (o) => {
        const { defaultSchema, load, openDataset, parseTarget } = await import('./load/load.js');
        const { parseTables } = await import('./options.js');
        const target = parseTarget(o.to);
        const dataset = await openDataset(o.out, await packFinder());
        const names = dataset.tables.map((t) => t.spec.name);
        const schema = o.schema ?? defaultSchema(target);
        const progress = progressOn(o.quiet);
        let result: Awaited<ReturnType<typeof load>>;
        try {
          result = await load(target, {
            dataset,
            tables: o.tables !== undefined ? parseTables(o.tables, names) : names,
            schema,
            prefix: o.tablePrefix,
            suffix: o.suffix,
            replace: o.replace,
            views: o.views,
            progress,
            signal: stop,
          });
        } catch (e) {
          if (!stop.aborted) throw e;
          throw new InterruptedError('the target was left as it was.');
        }
        progress.line(formatLoadSummary(result));
        if (result.note) progress.line(result.note);
        progress.line(
          `loaded ${o.out} into ${target.display}${schema ? ` (${schema})` : ''}` +
            (!result.increment
              ? ''
              : result.increment.from === result.increment.to
                ? `, already at increment ${result.increment.to} (nothing to change),`
                : `, from increment ${result.increment.from} to ${result.increment.to} (changed partitions only),`) +
            ` in ${result.seconds.toFixed(1)} s` +
            (result.keysSeconds === undefined
              ? ''
              : `, of which keys, indexes and ANALYZE ${result.keysSeconds.toFixed(1)} s`),
        );
        if (o.json) {
          const summary =
            target.kind === 'csv'
              ? { out: o.out, to: target.display, prefix: o.tablePrefix, suffix: o.suffix ?? '' }
              : { out: o.out, to: target.display, schema, prefix: o.tablePrefix };
          process.stdout.write(shown(`${JSON.stringify({ ...summary, ...loadSummaryJson(result) })}\n`));
        }
      });
    });

  cmd
    .command('iceberg')
    .description(
      'add Apache Iceberg v2 metadata to a generated folder: a table per dataset table over its Parquet files (no data rewritten)',
    )
    .option('--out <dir>', 'the generated folder', './output')
    .option('--table-location <uri>', TABLE_LOCATION_HELP)
    .option('--quiet', 'no summary on stderr (errors still print)', false)
    .option('--json', 'print a machine-readable summary on stdout at the end', false)
    .action(async (o) => {
      await refuseS3(o.out, 'iceberg');
      const { addIcebergMetadata } = await import('./iceberg/writeIceberg.js');
      const result = await addIcebergMetadata(o.out, await packFinder(), await tableLocation(o), stop);
      if (!o.quiet) err(icebergLine(o.out, result));
      if (o.json) process.stdout.write(`${JSON.stringify({ out: o.out, ...result })}\n`);
    });

  cmd
    .command('scenarios')
    .description('list the scenario packs: name, description, tables and rows at 1x')
    .action(async () => {
      const packs = await Promise.all(CATALOG.map(async (p) => ({ ...p, tables: await p.tables() })));
      process.stdout.write(`${formatScenarios(packs)}\n`);
    });
  return cmd;
}

// Past a file-size limit (ulimit -f) the kernel sends SIGXFSZ, which would kill the process without a
// word; ignored, the write fails with EFBIG instead and the run stops naming the file.
process.on('SIGXFSZ', () => {});

/** Commander's own errors (unknown command or option, missing value, bad choice) as the usual one line. */
function commanderUsage(c: Command, e: CommanderError): UsageError {
  const help = `see gen-parquet${c.parent ? ` ${c.name()}` : ''} --help`;
  if (e.code === 'commander.excessArguments') {
    // The top command has an action of its own, so commander takes an unknown command for an argument.
    return new UsageError(
      c.parent
        ? `${c.name()}: unexpected argument '${c.args[0]}' (it takes only options); ${help}`
        : `unknown command '${c.args[0]}' (commands: ${c.commands.map((s) => s.name()).join(', ')}); ${help}`,
    );
  }
  // Commander puts "(Did you mean --scale?)" on a line of its own.
  const message = e.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\.$/, '');
  return new UsageError(`${message}; ${help}`);
}

async function main(): Promise<void> {
  const stop = listenForStopSignals();
  const cmd = program(stop.signal);
  cmd.enablePositionalOptions();
  for (const c of [cmd, ...cmd.commands]) {
    c.exitOverride((e) => {
      throw e.exitCode === 0 ? e : commanderUsage(c, e);
    }).configureOutput({ writeErr: () => {} });
  }
  try {
    await cmd.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode; // --help or --version, already printed; its errors are UsageErrors
    } else if (e instanceof UsageError) {
      err(`gen-parquet: ${e.message}`);
      process.exitCode = 2;
    } else if (e instanceof InterruptedError) {
      err(`gen-parquet: interrupted; ${e.message}`);
      stop.exit();
    } else {
      err(`gen-parquet: failed: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}

await main();
