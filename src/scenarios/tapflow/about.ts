/** What `gen-parquet scenarios` says of TapFlow, importable without its planner (src/scenarios/catalog.ts). */
export default {
  name: 'tapflow',
  description:
    'TapFlow Analytics: accounts, venues, smart taps and sensors, dashboard users, subscriptions; 10M tap events at 1x',
  tables: async () => (await import('./tables.js')).TABLES,
};
