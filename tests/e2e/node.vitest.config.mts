import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Browser journeys on the Node runtime: the same journey files as vitest.config.mts, on the H5
// build served by the Node server (server/main.ts: libSQL file, photos on disk), started by
// node-global-setup.ts: the 邻里中心 journey in Chromium (find a room, book, approval, check-in)
// and the 300-request booking races with their SQL checks. The rest of the app on Node is the
// worker suite's (tests/worker/node/); the server process itself, tests/server/. Screenshots go
// to a temp folder: the committed ones come from the Workers run.
export default defineConfig({
  test: {
    name: 'e2e-node',
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['tests/e2e/bookings.e2e.test.ts', 'tests/e2e/booking-race.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/node-global-setup.ts'],
    env: { E2E_SCREENSHOTS: path.join(tmpdir(), 'linli-e2e-node-screenshots') },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
