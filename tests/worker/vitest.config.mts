import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { TEST_VARS } from './test-vars'

const root = path.resolve(import.meta.dirname, '../..')

// Integration tests run the worker in workerd with a real local D1, migrated from
// db/migrations in the setup file. WeChat is faked with a fetch spy in the tests that need it.
// The same files run on the Node runtime too: tests/worker/node/vitest.config.mts.
export default defineConfig(async () => {
  // wrangler.toml serves the H5 build as assets; the worker tests need the folder, not the build.
  mkdirSync(path.join(root, 'miniapp/dist/h5'), { recursive: true })
  const migrations = await readD1Migrations(path.join(root, 'db/migrations'))
  return {
    root,
    plugins: [
      cloudflareTest({
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ...TEST_VARS },
        },
      }),
    ],
    test: {
      include: ['tests/worker/**/*.test.ts'],
      setupFiles: ['./tests/worker/setup/apply-migrations.ts'],
      // The worker logs one JSON line per request (ENVIRONMENT is "development" so that the dev
      // login works); keep test output to failures and real errors.
      onConsoleLog: (log: string, type: 'stdout' | 'stderr') =>
        !(type === 'stdout' && log.startsWith('{"requestId"')),
    },
  }
})
