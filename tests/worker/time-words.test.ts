import { describe, expect, it } from 'vitest'
import { shanghaiSpoken, shanghaiSpokenRange } from '../../worker/lib/time'
import { sh } from './booking-helpers'

// Every notice tells a time one way (issue 17: a booking notice said "12-07 09:00–10:00" while a
// blackout notice said "12月7日 09:00–12:00").

describe('times in notices', () => {
  it('says an instant and a span in the same words, Shanghai time', () => {
    expect(shanghaiSpoken(sh('2026-12-07', '09:00'))).toBe('12月7日（周一）09:00')
    expect(shanghaiSpokenRange(sh('2026-12-07', '09:00'), sh('2026-12-07', '12:00'))).toBe(
      '12月7日（周一）09:00–12:00',
    )
    expect(shanghaiSpokenRange(sh('2026-12-20', '09:00'), sh('2026-12-21', '18:00'))).toBe(
      '12月20日（周日）09:00–12月21日（周一）18:00',
    )
  })
})
