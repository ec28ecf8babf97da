import { describe, expect, it, vi } from 'vitest'
import { encodeQr } from '@/components/qr-matrix'
import { matchesRoom } from '@/packages/staff/lib/household-search'
import { inviteUrl } from '@/packages/staff/lib/invite-link'

// lib/nav (the page addresses) imports Taro; nothing here calls it.
vi.mock('@tarojs/taro', () => ({ default: {} }))

describe('finding a household by its door number', () => {
  const households = [
    { unit: '1', room: '301' },
    { unit: '1', room: '1301' },
    { unit: '2', room: '301' },
    { unit: '2', room: '502' },
  ]
  const find = (q: string) =>
    households.filter((h) => matchesRoom(h, q)).map((h) => `${h.unit}-${h.room}`)

  it('finds a room number in every unit, and unit plus room however it is written', () => {
    expect(find('301')).toEqual(['1-301', '1-1301', '2-301'])
    expect(find('1-301')).toEqual(['1-301', '1-1301'])
    expect(find('2单元301室')).toEqual(['2-301'])
    expect(find('２单元５０２')).toEqual(['2-502'])
    expect(find('  ')).toHaveLength(4)
    expect(find('909')).toEqual([])
  })
})

describe('the invite slip QR code', () => {
  it('opens the verify page with the code filled in', () => {
    expect(inviteUrl('https://linli.example.cn/', 'K7PM-3QXD')).toBe(
      'https://linli.example.cn/#/packages/identity/pages/verify/index?code=K7PM-3QXD',
    )
  })

  it('fits a small symbol that prints legibly on a slip (version 5 or less at level M)', () => {
    const qr = encodeQr(inviteUrl('https://linli.example.cn', 'K7PM-3QXD'), 'M')
    expect(qr.version).toBeLessThanOrEqual(5)
  })
})
