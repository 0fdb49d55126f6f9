import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await inst.connect();
await con.run(`SET TimeZone='UTC'`);
await con.run(`CREATE TABLE t AS SELECT range + 1 AS event_id, make_timestamptz(1586908800000000 + range*16000000) AS event_ts,
 (hash(range) % 15000)::INTEGER AS device_id, (hash(range,1) % 800)::INTEGER AS location_id, (hash(range,2)%150)::INTEGER AS account_id,
 ((hash(range,3)%6)::UTINYINT) AS bev, round(20 + random()*180,1) AS volume_ml, (500+random()*5000)::INTEGER AS duration_ms,
 round(2+random()*4,2) AS temperature_c, round(10+random()*5,2) AS pressure_psi, random()<0.035 AS is_anomaly, (range // 6000)::INTEGER AS p
 FROM range(2400000)`);
const opts = process.argv.slice(2);
for (let rep = 0; rep < 2; rep++) for (const o of ['', ...opts]) {
  const t0 = performance.now();
  await con.run(`COPY t TO '/tmp/exp-out' (FORMAT parquet, COMPRESSION zstd, OVERWRITE, PARTITION_BY (p) ${o ? ', ' + o : ''})`);
  console.log(o || 'default', (performance.now() - t0).toFixed(0), 'ms');
}
