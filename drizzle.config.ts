import { defineConfig } from 'drizzle-kit'

// Migrations are generated from db/schema and applied by wrangler (local and remote) and by the tests.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './db/migrations',
})
