import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Pure logic of the mini-program, in node: no Taro runtime (tests fake it), no browser.
export default defineConfig({
  // The mini-program's own aliases (miniapp/tsconfig.json, miniapp/config/index.ts).
  resolve: {
    alias: {
      '@/': `${path.resolve(import.meta.dirname, '../../miniapp/src')}/`,
      '@worker/': `${path.resolve(import.meta.dirname, '../../worker')}/`,
    },
  },
  test: {
    name: 'miniapp',
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['tests/miniapp/**/*.test.ts'],
    environment: 'node',
  },
})
