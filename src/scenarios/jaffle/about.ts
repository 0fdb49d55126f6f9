/** What `gen-parquet scenarios` says of jaffle, importable without its planner (src/scenarios/catalog.ts). */
export default {
  name: 'jaffle',
  description:
    'The Jaffle Shop gone online, day by day: dbt raw tables (customers, signups, orders, payments), website and app sessions, Google/Facebook/Instagram ads',
  tables: async () => (await import('./tables.js')).TABLES,
};
