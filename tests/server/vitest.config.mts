import path from 'node:path'
import { defineConfig } from 'vitest/config'

// The Node server as a process (server/main.ts): start-up, configuration, a kill -9 during
// concurrent bookings, backup and restore while it writes. Each file starts its own servers on
// free ports with databases in temp folders. The app's behaviour on Node is the worker suite's
// job (tests/worker/node/); these are about the process and its files.
export default defineConfig({
  test: {
    name: 'server',
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
