/** What `gen-parquet scenarios` says of ecommerce, importable without its planner (src/scenarios/catalog.ts). */
export default {
  name: 'ecommerce',
  description:
    'Online retail bronze layer: customers, products, web sessions and clickstream, orders and items, inventory, reviews; 5M events at 1x',
  tables: async () => (await import('./tables.js')).TABLES,
};
