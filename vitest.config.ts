import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests each start their own sandbox cluster on free ports; two workers
    // match the two cores these machines have.
    maxWorkers: 2,
  },
});
