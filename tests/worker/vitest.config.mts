import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

const root = path.resolve(import.meta.dirname, '../..')

// Integration tests run the worker in workerd with a real local D1, migrated from
// db/migrations in the setup file. WeChat is faked with a fetch spy in the tests that need it.
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
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: 'development',
            WECHAT_API_BASE: 'http://wechat.test',
            WECHAT_APPID: 'wx-test-appid',
            WECHAT_SECRET: 'test-secret',
            PHOTO_URL_SECRET: 'test-photo-secret',
            BALLOT_SECRET: 'test-ballot-secret',
            REQUEST_LOG: 'off',
          },
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
