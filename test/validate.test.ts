import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/run/manifest.js';
import tapflow from '../src/scenarios/tapflow/index.js';
import { validateOutput } from '../src/validate/validate.js';
import { query, runCli, tempDir } from './helpers.js';

const root = tempDir('faults');
const clean = join(root, 'clean');
/** Day files over a short window: the day-partition check's own output (a few dozen files, not ~2,200). */
const daily = join(root, 'daily');

// Month files: each validation reads ~90 files instead of ~2,200 day files, which at this scale
// cost most of its time (1.8 s against 6.7 s); the checks are the same SQL either way.
beforeAll(() => {
  const run = runCli(['--scale', '0.005x', '--out', clean, '--no-validate', '--partition-by', 'month']);
  expect(run.status, run.stderr).toBe(0);
  const days = runCli(['--scale', '0.005x', '--days', '7', '--out', daily, '--no-validate']);
  expect(days.status, days.stderr).toBe(0);
});

function copyOf(name: string, from = clean): string {
  const dir = join(root, name);
  cpSync(from, dir, { recursive: true });
  return dir;
}

function firstFile(dir: string, table: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as Manifest;
  return manifest.files.find((f) => f.table === table)!.path;
}

/** Rewrites one Parquet file through DuckDB with `select` (FROM f), then re-signs the manifest unless told not to. */
async function rewrite(dir: string, path: string, select: string, resign = true): Promise<void> {
  const file = join(dir, path);
  // Hive parsing off: the file keeps its own columns, not event_date=… of its folder as one more.
  await query(
    `COPY (SELECT ${select} FROM read_parquet('${file}', hive_partitioning = false) f) TO '${file}.new' (FORMAT parquet)`,
  );
  renameSync(`${file}.new`, file);
  if (resign) {
    const manifestPath = join(dir, '_manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const bytes = readFileSync(file);
    const files = manifest.files.map((f) =>
      f.path === path
        ? { ...f, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
        : f,
    );
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, files }));
  }
}

async function failing(dir: string): Promise<string[]> {
  const report = await validateOutput(dir, () => tapflow);
  return report.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.measured}`);
}

describe('validation catches planted faults', () => {
  it('passes the clean output, timing every check group', async () => {
    const report = await validateOutput(clean, () => tapflow);
    expect(report.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.measured}`)).toEqual([]);
    const groups = [
      'keyChecks',
      'countChecks',
      'timeChecks',
      'changeLogChecks',
      ...tapflow.checks.groups.map((g) => g.name),
    ];
    expect(report.timings.map((t) => t.group)).toEqual(['files', 'open', ...groups]);
    expect(report.timings.reduce((a, t) => a + t.checks, 0)).toBe(report.checks.length);
    expect(report.timings.every((t) => t.seconds >= 0 && t.cpu_seconds >= 0)).toBe(true);
  });

  it('an orphan device reference', async () => {
    const dir = copyOf('orphan');
    await rewrite(
      dir,
      firstFile(dir, 'tap_events'),
      `* REPLACE (CASE WHEN event_id = 1 THEN 999999 ELSE device_id END AS device_id)`,
    );
    expect(await failing(dir)).toEqual(['tap_events.device_id → devices.device_id orphans: 1']);
  });

  it('a tap event whose account is not its device’s (the foreign keys are counted per combination)', async () => {
    const dir = copyOf('account-mismatch');
    await rewrite(
      dir,
      firstFile(dir, 'tap_events'),
      `* REPLACE (CASE WHEN event_id = 1 THEN (CASE WHEN account_id = 1 THEN 2 ELSE 1 END) ELSE account_id END AS account_id)`,
    );
    const failed = await failing(dir);
    expect(failed).toContain('tap_events keys that disagree with devices (or not from a tap controller): 1');
    expect(failed.filter((f) => f.includes('orphans'))).toEqual([]);
  });

  it('a duplicated event id', async () => {
    const dir = copyOf('duplicate');
    const path = firstFile(dir, 'tap_events');
    const [{ n }] = (await query(`SELECT count(*)::INT AS n FROM read_parquet('${join(dir, path)}')`)) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(1);
    await rewrite(dir, path, `* REPLACE (CASE WHEN event_id = 2 THEN 1 ELSE event_id END AS event_id)`);
    expect(await failing(dir)).toContain('tap_events duplicate keys (event_id): 1');
  });

  it('a user created after their own activity', async () => {
    const dir = copyOf('user-after-activity');
    const [{ user_id }] = (await query(
      `SELECT user_id FROM read_parquet('${join(clean, 'feature_usage', '**', '*.parquet')}') ORDER BY usage_id LIMIT 1`,
    )) as [{ user_id: number }];
    await rewrite(
      dir,
      firstFile(dir, 'users'),
      `* REPLACE (CASE WHEN user_id = ${user_id} THEN last_login_at ELSE created_at END AS created_at)`,
    );
    const failed = await failing(dir);
    expect(failed.some((f) => f.startsWith('feature use before the user existed'))).toBe(true);
  });

  it('a timestamp outside its partition’s date', async () => {
    const dir = copyOf('partition', daily);
    await rewrite(
      dir,
      firstFile(dir, 'tap_events'),
      `* REPLACE (CASE WHEN event_id = 1 THEN event_ts + INTERVAL 1 DAY ELSE event_ts END AS event_ts)`,
    );
    expect(await failing(dir)).toContain('tap_events rows outside their event_date partition (UTC): 1');
  });

  it('a timestamp outside its partition’s month', async () => {
    const dir = copyOf('partition-month');
    await rewrite(
      dir,
      firstFile(dir, 'tap_events'),
      `* REPLACE (CASE WHEN event_id = 1 THEN event_ts + INTERVAL 31 DAY ELSE event_ts END AS event_ts)`,
    );
    expect(await failing(dir)).toContain('tap_events rows outside their event_month partition (UTC): 1');
  });

  it('a location whose device_count is off', async () => {
    const dir = copyOf('device-count');
    await rewrite(
      dir,
      firstFile(dir, 'locations'),
      `* REPLACE (CASE WHEN location_id = 1 THEN device_count + 1 ELSE device_count END AS device_count)`,
    );
    expect(await failing(dir)).toEqual(['locations whose device_count differs from their devices: 1']);
  });

  it('a subscription priced for the wrong plan', async () => {
    const dir = copyOf('mispriced');
    await rewrite(
      dir,
      firstFile(dir, 'subscriptions'),
      `* REPLACE (CASE WHEN subscription_id = 1 THEN 12.34 ELSE mrr END AS mrr)`,
    );
    expect(await failing(dir)).toContain('subscriptions priced or planned against their own device_count: 1');
  });

  it('devices installed on one instant (a clamp onto a bound)', async () => {
    const dir = copyOf('pile');
    await rewrite(
      dir,
      firstFile(dir, 'devices'),
      `* REPLACE (CASE WHEN device_id <= 10 THEN TIMESTAMPTZ '2025-06-25 23:45:00+00' ELSE installed_at END AS installed_at)`,
    );
    expect(await failing(dir)).toContain('most devices sharing one installed_at (a pile on one instant): 10');
  });

  it('a user whose last login is their creation', async () => {
    const dir = copyOf('bound');
    await rewrite(
      dir,
      firstFile(dir, 'users'),
      `* REPLACE (CASE WHEN user_id = 2 THEN created_at ELSE last_login_at END AS last_login_at)`,
    );
    expect(await failing(dir)).toContain(
      'times exactly on their window’s bound (installed at opening, opened at creation, last login at creation): 1',
    );
  });

  it('a heartbeat with an uptime longer than the device’s age', async () => {
    const dir = copyOf('uptime');
    const path = firstFile(dir, 'device_heartbeats');
    await rewrite(
      dir,
      path,
      `* REPLACE (CASE WHEN row_number() OVER () = 1 THEN 2000000000 ELSE uptime_s END AS uptime_s)`,
    );
    expect(await failing(dir)).toEqual(['heartbeats reporting an uptime longer than the device’s age: 1']);
  });

  it('a subscription billed before the account’s first device', async () => {
    const dir = copyOf('billed-early');
    await rewrite(
      dir,
      firstFile(dir, 'subscriptions'),
      `* REPLACE (CASE WHEN subscription_id = 1 THEN started_at - INTERVAL 40 DAY ELSE started_at END AS started_at)`,
    );
    const failed = await failing(dir);
    expect(failed).toContain('subscriptions starting before the account’s first device: 1');
    expect(failed.some((f) => f.startsWith('account month-ends billed other than'))).toBe(true);
  });

  it('a user invited while the account was fading out', async () => {
    const dir = copyOf('fading-growth');
    const [{ account_id, churned }] = (await query(
      `SELECT account_id, epoch_us(churned_at) AS churned FROM read_parquet('${join(clean, 'accounts', '*.parquet')}')
       WHERE churned_at IS NOT NULL ORDER BY account_id LIMIT 1`,
    )) as [{ account_id: number; churned: string }];
    const [{ user_id }] = (await query(
      `SELECT max(user_id) AS user_id FROM read_parquet('${join(clean, 'users', '*.parquet')}') WHERE account_id = ${account_id}`,
    )) as [{ user_id: number }];
    await rewrite(
      dir,
      firstFile(dir, 'users'),
      `* REPLACE (CASE WHEN user_id = ${user_id} THEN make_timestamptz(${churned} - 10 * 86400000000) ELSE created_at END AS created_at)`,
    );
    expect(await failing(dir)).toContain(
      'venues, devices or users added in the 30 days before their account churned: 1',
    );
  });

  it('a normal pour whose reading is out of range', async () => {
    const dir = copyOf('reading');
    await rewrite(
      dir,
      firstFile(dir, 'tap_events'),
      `* REPLACE (CASE WHEN NOT is_anomaly AND row_number() OVER (PARTITION BY is_anomaly ORDER BY event_id) = 1 THEN 9.5 ELSE temperature_c END AS temperature_c)`,
    );
    expect(await failing(dir)).toContain(
      'pours whose is_anomaly or anomaly_type disagrees with their readings: 1',
    );
  });

  it('a pour while its tap was out of service', async () => {
    const dir = copyOf('out-of-service');
    // A technician's entry of a tap that poured, stretched to cover one of its pours.
    const [{ file, id, ts }] = (await query(
      `SELECT m.filename AS file, m.maintenance_id AS id, epoch_us(min(e.event_ts)) AS ts
       FROM read_parquet('${join(clean, 'device_maintenance', '**', '*.parquet')}', filename = true) m
       JOIN read_parquet('${join(clean, 'tap_events', '**', '*.parquet')}') e USING (device_id)
       WHERE m.trigger <> 'remote' GROUP BY ALL ORDER BY m.maintenance_id LIMIT 1`,
    )) as [{ file: string; id: string; ts: string }];
    await rewrite(
      dir,
      file.slice(clean.length + 1),
      `* REPLACE (CASE WHEN maintenance_id = ${id} THEN 'alarm' ELSE trigger END AS trigger,
                  CASE WHEN maintenance_id = ${id} THEN make_timestamptz(${ts} - 60000000) ELSE reported_at END AS reported_at,
                  CASE WHEN maintenance_id = ${id} THEN make_timestamptz(${ts} + 60000000) ELSE resolved_at END AS resolved_at)`,
    );
    expect(await failing(dir)).toContain(
      'pours or heartbeats while the device was out of service (alarm or work until resolved): 1',
    );
  });

  it('a device reporting other firmware than its last update installed', async () => {
    const dir = copyOf('firmware');
    const [{ device_id, version }] = (await query(
      `SELECT device_id, arg_max(firmware_version, resolved_at) AS version
       FROM read_parquet('${join(clean, 'device_maintenance', '**', '*.parquet')}')
       WHERE maintenance_type = 'firmware_update' GROUP BY 1 ORDER BY 1 LIMIT 1`,
    )) as [{ device_id: number; version: string }];
    const other = version === '2.4.1' ? '2.6.0' : '2.4.1';
    await rewrite(
      dir,
      firstFile(dir, 'devices'),
      `* REPLACE (CASE WHEN device_id = ${device_id} THEN '${other}' ELSE firmware_version END AS firmware_version)`,
    );
    expect(await failing(dir)).toContain(
      'devices or heartbeats reporting other firmware than their last update installed: 1',
    );
  });

  it('a detail page of another account’s device', async () => {
    const dir = copyOf('foreign-device');
    const [{ file, id, other }] = (await query(
      `SELECT p.filename AS file, p.page_view_id AS id, (SELECT min(device_id) FROM read_parquet('${join(clean, 'devices', '*.parquet')}') d
                WHERE d.account_id <> p.account_id) AS other
       FROM read_parquet('${join(clean, 'page_views', '**', '*.parquet')}', filename = true) p
       WHERE p.page_path = '/devices/:id' ORDER BY p.page_view_id LIMIT 1`,
    )) as [{ file: string; id: string; other: number }];
    await rewrite(
      dir,
      file.slice(clean.length + 1),
      `* REPLACE (CASE WHEN page_view_id = ${id} THEN ${other} ELSE entity_id END AS entity_id)`,
    );
    expect(await failing(dir)).toContain(
      'detail pages of a device or venue not yet installed or opened (or of another account): 1',
    );
  });

  it('an in-app feature use outside any session', async () => {
    const dir = copyOf('sessionless');
    await rewrite(
      dir,
      firstFile(dir, 'feature_usage'),
      `* REPLACE (CASE WHEN feature <> 'api_call' AND row_number() OVER (PARTITION BY feature = 'api_call' ORDER BY usage_id) = 1
                       THEN NULL ELSE session_id END AS session_id)`,
    );
    expect(await failing(dir)).toContain(
      'in-app feature uses outside a page_views session of the same user (or outside its time): 1',
    );
  });

  it('a tap pouring two beverages on one day', async () => {
    const dir = copyOf('two-lines');
    const path = firstFile(dir, 'tap_events');
    // A tap with two pours in the file's day: its latest pour is made another beverage.
    const [{ id, beverage }] = (await query(
      `SELECT max(event_id) AS id, any_value(beverage_type) AS beverage FROM read_parquet('${join(clean, path)}', hive_partitioning = false)
       GROUP BY device_id HAVING count(*) > 1 ORDER BY count(*) DESC, device_id LIMIT 1`,
    )) as [{ id: string; beverage: string }];
    const other = beverage === 'wine' ? 'beer' : 'wine';
    await rewrite(
      dir,
      path,
      `* REPLACE (CASE WHEN event_id = ${id} THEN '${other}' ELSE beverage_type END AS beverage_type)`,
    );
    expect(await failing(dir)).toContain(
      'tap-days pouring more than one beverage (a tap line serves one at a time): 1',
    );
  });

  it('a stadium run by a small account', async () => {
    const dir = copyOf('small-stadium');
    const [{ location_id }] = (await query(
      `SELECT min(l.location_id) AS location_id FROM read_parquet('${join(clean, 'locations', '*.parquet')}') l
       JOIN read_parquet('${join(clean, 'accounts', '*.parquet')}') a USING (account_id) WHERE a.tier = 'small'`,
    )) as [{ location_id: number }];
    await rewrite(
      dir,
      firstFile(dir, 'locations'),
      `* REPLACE (CASE WHEN location_id = ${location_id} THEN 'stadium' ELSE venue_type END AS venue_type)`,
    );
    expect(await failing(dir)).toContain('stadiums owned by accounts outside the tiers large, enterprise: 1');
  });

  it('a health score clipped onto 1', async () => {
    const dir = copyOf('health');
    await rewrite(
      dir,
      firstFile(dir, 'accounts'),
      `* REPLACE (CASE WHEN account_id = 1 THEN 1.0 ELSE health_score END AS health_score)`,
    );
    expect(await failing(dir)).toContain('health scores at or beyond 0 or 1 (clipped): 1');
  });

  it('an API call by an account whose plan has no API access', async () => {
    const dir = copyOf('api-gate');
    const [{ file, id }] = (await query(
      `SELECT f.filename AS file, min(f.usage_id) AS id
       FROM read_parquet('${join(clean, 'feature_usage', '**', '*.parquet')}', filename = true) f
       JOIN read_parquet('${join(clean, 'subscriptions', '*.parquet')}') s
         ON s.account_id = f.account_id AND f.used_at >= s.started_at AND (s.ended_at IS NULL OR f.used_at < s.ended_at)
       WHERE s.plan IN ('starter', 'professional') AND f.feature = 'dashboard_view' GROUP BY 1 ORDER BY 2 LIMIT 1`,
    )) as [{ file: string; id: string }];
    await rewrite(
      dir,
      file.slice(clean.length + 1),
      `* REPLACE (CASE WHEN usage_id = ${id} THEN 'api_call' ELSE feature END AS feature)`,
    );
    expect(await failing(dir)).toContain(
      'API calls or CSV exports by accounts whose plan then did not include them: 1',
    );
  });

  it('a file whose bytes were changed', async () => {
    const dir = copyOf('bytes');
    const path = firstFile(dir, 'devices');
    await rewrite(dir, path, '*', false); // same rows, different bytes; manifest not re-signed
    expect(await failing(dir)).toEqual([`files whose size or sha256 differ from the manifest: 1 (${path})`]);
  });

  it('a file missing from the manifest', async () => {
    const dir = copyOf('unlisted');
    const path = firstFile(dir, 'device_maintenance');
    const extra = path.replace(/part-00000/, 'part-00099');
    cpSync(join(dir, path), join(dir, extra));
    expect((await failing(dir))[0]).toBe(`Parquet files not in the manifest: 1 (${extra})`);
  });

  it('a folder that is not an output at all', async () => {
    await expect(validateOutput(root, () => tapflow)).rejects.toThrow(
      /not a gen-parquet output \(no _manifest\.json\)/,
    );
    expect(readdirSync(root).length).toBeGreaterThan(0);
  });
});
