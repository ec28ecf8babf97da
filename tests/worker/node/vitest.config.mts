import path from 'node:path'
import { defineConfig } from 'vitest/config'

const root = path.resolve(import.meta.dirname, '../../..')

// The worker integration tests again, on the Node runtime: the same test files, in Node, against
// the same app (worker/index.ts → worker/app.ts) given the Node server's bindings — a SQLite file
// through libSQL with the migrations applied by server/database.ts, photos on disk. No workerd:
// `cloudflare:workers` and `cloudflare:test` are the two small modules beside this file.
export default defineConfig({
  root,
  resolve: {
    alias: {
      'cloudflare:workers': path.join(import.meta.dirname, 'cloudflare-workers.ts'),
      'cloudflare:test': path.join(import.meta.dirname, 'cloudflare-test.ts'),
    },
  },
  test: {
    name: 'worker-node',
    include: ['tests/worker/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./tests/worker/setup/apply-migrations.ts'],
    // Three files at once on two cores: a file spends much of its time waiting on its database's
    // timer tick per call (cloudflare-workers.ts), which another file's work fills. 100 s instead
    // of 175 s here; the default (cores - 1) ran one file at a time.
    maxWorkers: 3,
  },
})
