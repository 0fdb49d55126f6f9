#!/usr/bin/env node
/** The `gen-parquet` command. Exit codes: 0 ok, 1 validation failed or run error, 2 bad input, 130 interrupted. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from './config/load.js';
import { UsageError } from './errors.js';
import {
  parseCompression,
  parseRowGroup,
  parseScale,
  parseSeed,
  parseTables,
  parseWorkers,
} from './options.js';
import { formatSummary, formatValidation } from './report.js';
import { generate } from './run/coordinator.js';
import { writeAtomic } from './run/manifest.js';
import { markdownDictionary, sqlDdl } from './schema/dictionary.js';
import { TABLE_NAMES } from './schema/tables.js';
import { validateOutput } from './validate/validate.js';
import { GENERATOR, PACKAGE_ROOT } from './version.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function runValidation(outDir: string, json: boolean): Promise<number> {
  const report = await validateOutput(outDir);
  await writeAtomic(join(outDir, '_validation.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else log(formatValidation(report));
  return report.passed ? 0 : 1;
}

function program(): Command {
  const cmd = new Command('gen-parquet')
    .description('Generate the TapFlow Analytics dataset as deterministic, date-partitioned Parquet.')
    .version(GENERATOR.version)
    .option('--scale <S>', 'size: 1x = 10M tap events; 0.01x, 10x or a bare number', '1x')
    .option('--out <dir>', 'output folder (must be empty unless --force)', './output')
    .option('--seed <n>', 'random seed: same seed, scale and config give byte-identical files', '42')
    .option(
      '--workers <n>',
      'worker threads generating fact shards (default: number of CPUs)',
      String(availableParallelism()),
    )
    .option('--config <file>', 'dataset design (YAML)', join(PACKAGE_ROOT, 'config', 'tapflow.yaml'))
    .option('--tables <a,b>', `tables to write (default all): ${TABLE_NAMES.join(',')}`)
    .option('--force', 'replace the dataset in a non-empty output folder', false)
    .option('--no-validate', 'skip the DuckDB checks after writing')
    .addOption(
      new Option(
        '--compression <codec>',
        'Parquet codec: zstd (small, fast), snappy (fastest reads), gzip, none',
      ).default('zstd'),
    )
    .option(
      '--row-group-rows <n>',
      'max rows per Parquet row group (bigger: better compression, more memory)',
      '122880',
    )
    .action(async (o) => {
      const loaded = loadConfig(o.config);
      const result = await generate({
        loaded,
        scale: parseScale(o.scale),
        seed: parseSeed(o.seed),
        outDir: o.out,
        workers: parseWorkers(o.workers),
        tables: o.tables ? parseTables(o.tables) : [...TABLE_NAMES],
        force: o.force,
        compression: parseCompression(o.compression),
        rowGroupRows: parseRowGroup(o.rowGroupRows),
        log,
      });
      log(formatSummary(result.tables));
      log(`wrote ${o.out} in ${result.seconds.toFixed(1)} s`);
      if (o.validate) process.exitCode = await runValidation(o.out, false);
    });
  cmd
    .command('validate')
    .description('check a generated folder with DuckDB: keys, counts, time rules, checksums')
    .option('--out <dir>', 'output folder to check', './output')
    .option('--json', 'print the report as JSON on stdout', false)
    .action(async (o) => {
      process.exitCode = await runValidation(o.out, o.json);
    });
  cmd
    .command('schema')
    .description('print the data dictionary (Markdown) or DuckDB DDL for the tables')
    .addOption(new Option('--format <f>', 'markdown or sql').choices(['markdown', 'sql']).default('markdown'))
    .action((o) => {
      process.stdout.write(o.format === 'sql' ? sqlDdl() : markdownDictionary());
    });
  return cmd;
}

async function main(): Promise<void> {
  const cmd = program();
  cmd.enablePositionalOptions();
  cmd.exitOverride();
  cmd.configureOutput({ writeErr: () => {} });
  for (const sub of cmd.commands) sub.exitOverride().configureOutput({ writeErr: () => {} });
  try {
    await cmd.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return;
      log(`gen-parquet: ${err.message.replace(/^error: /, '')}; see gen-parquet --help`);
      process.exitCode = 2;
    } else if (err instanceof UsageError) {
      log(`gen-parquet: ${err.message}`);
      process.exitCode = 2;
    } else {
      log(`gen-parquet: failed: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  }
}

await main();
