import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // property failures replay from FC_SEED and FC_PATH
    setupFiles: ['test/helpers/fast-check.ts'],
    // Every test runs in UTC so date arithmetic cannot drift with the machine's zone.
    env: { TZ: 'UTC' },
    // the walks over every route as every role send about a thousand requests each: on a busy
    // 2-core machine they take longer than 20 s
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
