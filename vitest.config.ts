import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB's native addon and worker pools are happiest in child processes.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
