import { describe, it } from 'vitest'
import { exports } from 'cloudflare:workers'
describe('timing', () => {
  it('measures', { timeout: 120000 }, async () => {
    for (let round = 0; round < 8; round++) {
      const t = Date.now()
      for (let i = 0; i < 200; i++) { const r = await exports.default.fetch(new Request('http://linli.test/api/health')); await r.text() }
      console.log('health round', round, Date.now() - t)
    }
  })
})
