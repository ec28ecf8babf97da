import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Pure logic of the mini-program, in node: no Taro runtime (tests fake it), no browser.
export default defineConfig({
  test: {
    name: 'miniapp',
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['tests/miniapp/**/*.test.ts'],
    environment: 'node',
  },
})
