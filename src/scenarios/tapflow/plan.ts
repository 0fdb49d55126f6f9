/**
 * TapFlow's main-thread plan: every dimension, the device and user views the fact generators read
 * (shared with the workers), every requested fact table's shards and the expected answers.
 */
import type { Batch } from '../../generate/batch.js';
import { shareArrays } from '../../generate/shareArrays.js';
import type { Steps } from '../../generate/steps.js';
import type { FactShardPlan } from '../../plan/shards.js';
import type { PlanRequest, ScenarioPlan } from '../../scenario/scenarioPack.js';
import { MICROS_PER_DAY } from '../../time/calendar.js';
import { ZoneOffsets } from '../../time/zoneOffsets.js';
import type { Config } from './config.js';
import { accountPlansOf } from './generate/accountPlans.js';
import { runContext, scaled } from './generate/context.js';
import { asOfLastDay } from './generate/continued.js';
import { ONLINE } from './generate/devices.js';
import { deviceViewOf } from './generate/deviceView.js';
import { dimensionSteps } from './generate/dimensions.js';
import { userViewOf } from './generate/userView.js';
import { nominalCycle } from './generate/wear.js';
import { expectedMetrics } from './plan/expected.js';
import { FACT_TABLES, planFact, tapPlanInput } from './plan/factPlans.js';
import { expectedDailyVolume, tapRowsPerDay } from './plan/tapPlan.js';
import { usageDays } from './plan/usagePlan.js';
import type { TapflowShared } from './worker.js';

function activeMrr(batches: readonly Batch[]): number {
  const accounts = batches.find((b) => b.table === 'accounts')!;
  return (accounts.columns.mrr as Float64Array).reduce((a, b) => a + b, 0);
}

export function* planTapflow({
  config,
  seed,
  scale,
  tables,
  base,
}: PlanRequest<Config>): Steps<ScenarioPlan<TapflowShared>> {
  const ctx = runContext(config, seed, scale, base);
  const dims = asOfLastDay(yield* dimensionSteps(ctx), ctx);
  yield;
  const offsets = new ZoneOffsets(ctx.startDay, ctx.lastDay);
  // Built straight into SharedArrayBuffers: workers read them in place, and no private copy stays behind.
  const schedule = shareArrays(dims.devices.schedule);
  const devices = shareArrays(
    deviceViewOf(
      dims.devices,
      dims.locations,
      dims.accounts,
      schedule,
      nominalCycle(config),
      config.tap_events.anomaly.share,
      ctx.endDay,
      ONLINE,
    ),
  );
  const users = shareArrays(userViewOf(dims.accounts, dims.locations, dims.devices, dims.users));
  const subscriptions = dims.batches.find((b) => b.table === 'subscriptions')!;
  const planNames = config.subscriptions.plans.map((p) => p.name);
  const accountPlans = shareArrays(
    accountPlansOf(
      dims.accounts.count,
      subscriptions,
      planNames,
      dims.users.accountId,
      seed,
      config.feature_usage.api_intensity_sd,
    ),
  );
  yield;
  const usage = shareArrays(
    usageDays(
      {
        usage: config.feature_usage,
        plans: config.subscriptions.plans,
        startDay: ctx.startDay,
        endDay: ctx.endDay,
        lastDay: ctx.lastDay,
        shardRows: config.shard_rows,
        seed,
        fadeFloor: config.accounts.churn.fade_floor,
        pageRows: Math.round(config.page_views.rows * scale),
        featureRows: Math.round(config.feature_usage.rows * scale),
      },
      users,
      accountPlans,
    ),
  );
  const locationOpenedAt = shareArrays({ at: dims.locations.openedAt }).at;
  yield;
  const tapInput = tapPlanInput(ctx, offsets, schedule);
  const tapVolume = expectedDailyVolume(tapInput, devices);
  const facts = new Map<string, FactShardPlan[]>();
  for (const table of FACT_TABLES)
    if (tables.includes(table)) {
      yield;
      facts.set(table, planFact(table, ctx, offsets, devices, schedule, usage, tapVolume));
    }
  return {
    dimensions: dims.batches,
    shared: {
      config,
      seed,
      startDay: ctx.startDay,
      endDay: ctx.endDay,
      lastDay: ctx.lastDay,
      devices,
      schedule,
      users,
      accountPlans,
      usage,
      locationOpenedAt,
    },
    facts,
    expected: {
      id_max: {
        accounts: dims.accounts.count,
        locations: scaled(config.locations.id_max, scale, dims.accounts.count),
        devices: scaled(config.devices.id_max, scale, dims.locations.count),
        users: scaled(config.users.id_max, scale, dims.accounts.count),
        // The others are the generators' own caps (fleetSize.ts, users.ts). Subscriptions have none (they
        // follow each account's fleet): the seeds' range (IDs 1–200 for 150 accounts) per account, since
        // at tiny scales every tier keeps an account and their upgrades overran 200 × scale.
        subscriptions: Math.ceil((config.subscriptions.id_max * dims.accounts.count) / config.accounts.count),
      },
      metrics: expectedMetrics(
        config,
        devices,
        ctx.startDay,
        ctx.lastDay,
        activeMrr(dims.batches),
        tapVolume,
        tapRowsPerDay(tapInput, tapVolume).reduce((a, b) => a + b, 0),
      ),
      plans: config.subscriptions.plans,
      time: {
        start_us: ctx.startMicros,
        end_us: (ctx.lastDay + 1) * MICROS_PER_DAY,
        heartbeat_days: config.device_heartbeats.window_days,
      },
      stadiums: {
        owner_tiers: config.locations.stadiums.owner_tiers,
        per_city: Math.ceil(config.locations.stadiums.per_city * Math.max(1, scale)),
      },
    },
  };
}
