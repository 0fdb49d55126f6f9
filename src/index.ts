/** gen-parquet's public API: generate the TapFlow dataset and validate it from code. */
export { type LoadedConfig, loadConfig, parseConfig } from './config/load.js';
export type { Config } from './config/schema.js';
export { InterruptedError, UsageError } from './errors.js';
export { type GenerateOptions, type GenerateResult, generate, type TableSummary } from './run/coordinator.js';
export { type Manifest, readManifest } from './run/manifest.js';
export { type ColumnSpec, TABLES, type TableSpec } from './schema/tables.js';
export { type CheckResult, type ValidationReport, validateOutput } from './validate/validate.js';
