/** gen-parquet's public API: generate a scenario's dataset and validate it from code, or write a pack of your own. */
export { type LoadedConfig, loadConfig, parseConfig } from './config/load.js';
export { parseOverride } from './config/overrides.js';
export { InterruptedError, UsageError } from './errors.js';
export {
  addIcebergMetadata,
  defaultTableLocation,
  type IcebergResult,
  writeIcebergMetadata,
} from './iceberg/writeIceberg.js';
export type { GroundTruth } from './quality/groundTruth.js';
export { type Profile, type QualitySetup, resolveProfile, TYPICAL } from './quality/profile.js';
export { type AppendOptions, append } from './run/append.js';
export { type GenerateOptions, type GenerateResult, generate, type TableSummary } from './run/coordinator.js';
export { type Increment, type Manifest, readManifest } from './run/manifest.js';
export type {
  PlanRequest,
  ScenarioPack,
  ScenarioPlan,
  ShardGenerator,
} from './scenario/scenarioPack.js';
export { DEFAULT_SCENARIO, findScenario, SCENARIOS } from './scenarios/registry.js';
export { type ColumnSpec, col, enumCol, subsecond, type TableSpec } from './schema/tableSpec.js';
export { type DateWindow, resolveWindow } from './time/window.js';
export { type CheckResult, type ValidationReport, validateOutput } from './validate/validate.js';
