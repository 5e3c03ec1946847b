import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The machines have two cores; end-to-end files start servers and must not starve each other.
    maxWorkers: 2,
  },
});
