import { describe, expect, it } from 'vitest'
import { withScene } from '@/lib/scene'

// A page opened from a 小程序码 reads the code's scene as its own query (issue 12).

describe('withScene', () => {
  it('reads a meeting door sign’s scene as the page’s id and check-in code', () => {
    expect(withScene({ scene: encodeURIComponent('id=mt-1&code=123456') })).toEqual({
      scene: 'id%3Dmt-1%26code%3D123456',
      id: 'mt-1',
      code: '123456',
    })
  })

  it('lets what was scanned win over the page’s own query, and keeps a page without a scene as it is', () => {
    expect(withScene({ alley: 'al-old', scene: 'alley%3Dal-huaishu-1' }).alley).toBe('al-huaishu-1')
    const plain = { id: 'cv-1' }
    expect(withScene(plain)).toBe(plain)
  })

  it('ignores a scene that is not a query', () => {
    expect(withScene({ scene: '%E0%A4%A' })).toEqual({ scene: '%E0%A4%A' })
    expect(withScene({ scene: 'hello' })).toEqual({ scene: 'hello' })
  })
})
