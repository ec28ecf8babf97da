import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Browser journeys on the H5 build against the local server (started by global-setup.ts, or the
// server at E2E_BASE_URL). One file at a time: they share one server and one database.
export default defineConfig({
  test: {
    name: 'e2e',
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
