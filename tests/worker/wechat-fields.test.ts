import { describe, expect, it } from 'vitest'
import {
  fieldValue,
  messageData,
  subscribeTemplates,
  wechatTime,
} from '../../worker/inbox/template-config'
import { TOPICS, topicOf, phraseOf } from '../../worker/inbox/topics'

// WeChat refuses a whole subscribe message when one field breaks its type's rule (47003), so
// every value is cut or reformatted before sending (worker/inbox/template-config.ts).

describe('field values by WeChat type', () => {
  it('thing: at most 20 characters, counted as WeChat counts them, cut with an ellipsis', () => {
    expect(fieldValue('thing', '青石巷路灯')).toBe('青石巷路灯')
    const twenty = '一二三四五六七八九十一二三四五六七八九十'
    expect(fieldValue('thing', twenty)).toBe(twenty)
    expect(fieldValue('thing', `${twenty}多`)).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect([...fieldValue('thing', `${twenty}多`)]).toHaveLength(20)
    // An emoji is one character (two UTF-16 units): never split in half.
    const emoji = fieldValue('thing', '🌳'.repeat(25))
    expect([...emoji]).toHaveLength(20)
    expect(emoji).toBe(`${'🌳'.repeat(19)}…`)
  })

  it('thing: one line, no control characters, never empty', () => {
    expect(fieldValue('thing', '  第一行\n第二行\t尾 ')).toBe('第一行 第二行 尾')
    expect(fieldValue('thing', '\u0007')).toBe('—')
    expect(fieldValue('thing', '')).toBe('—')
  })

  it('phrase: at most five 汉字 and nothing else', () => {
    expect(fieldValue('phrase', '已受理')).toBe('已受理')
    expect(fieldValue('phrase', '预约已获批准了')).toBe('预约已获批')
    expect(fieldValue('phrase', 'OK 已通过!')).toBe('已通过')
    expect(fieldValue('phrase', 'OK')).toBe('通知')
  })

  it('time and date: Asia/Shanghai, in the form WeChat shows', () => {
    // 2026-12-05T16:05:00Z is 6 December, 00:05 in Shanghai.
    const at = Date.UTC(2026, 11, 5, 16, 5)
    expect(fieldValue('time', at)).toBe('2026年12月6日 00:05')
    expect(fieldValue('date', at)).toBe('2026年12月6日')
    expect(wechatTime(Date.UTC(2026, 0, 1, 1, 30))).toBe('2026年1月1日 09:30')
  })

  it('the other types keep only what WeChat accepts', () => {
    expect(fieldValue('name', '王秀英阿姨家的小孙子们好')).toBe('王秀英阿姨家的小孙子')
    expect(fieldValue('name', 'Wang Xiuying')).toBe('Wang Xiuying')
    expect(fieldValue('character_string', 'AB-12 34 中文')).toBe('AB-1234')
    expect(fieldValue('number', '共 12.5 小时')).toBe('12.5')
    expect(fieldValue('letter', 'a1b2')).toBe('ab')
    expect(fieldValue('symbol', 'a+b-c*d/e%f')).toBe('+-*/%')
    expect(fieldValue('phone_number', '电话 021-1234 5678')).toBe('021-12345678')
    expect(fieldValue('car_number', '沪A12345X9')).toBe('沪A12345X')
    expect(fieldValue('amount', '¥12.50 元整')).toBe('¥12.50元')
  })
})

describe('WECHAT_SUBSCRIBE_TEMPLATES', () => {
  it('maps each configured field to the notice value it names', () => {
    const templates = subscribeTemplates(
      JSON.stringify({
        booking: {
          id: 'tpl-b',
          fields: { thing1: 'subject', phrase2: 'status', time3: 'time', thing4: 'place' },
        },
      }),
    )
    expect(templates.booking?.longTerm).toBe(false)
    expect(
      messageData(templates.booking!, {
        subject: '邻里中心 多功能厅 周六上午的亲子活动预约',
        status: '已批准',
        time: Date.UTC(2026, 11, 6, 2, 0),
        place: '青梧邻里中心 2 楼',
        note: '',
        title: '预约已获批准',
      }),
    ).toEqual({
      thing1: { value: '邻里中心 多功能厅 周六上午的亲子活动…' },
      phrase2: { value: '已批准' },
      time3: { value: '2026年12月6日 10:00' },
      thing4: { value: '青梧邻里中心 2 楼' },
    })
  })

  it('is empty when unset, and refuses what is not a valid mapping, naming the problem', () => {
    expect(subscribeTemplates(undefined)).toEqual({})
    expect(() => subscribeTemplates('{')).toThrow('not valid JSON')
    expect(() =>
      subscribeTemplates(JSON.stringify({ parcels: { id: 'x', fields: { thing1: 'subject' } } })),
    ).toThrow(/WECHAT_SUBSCRIBE_TEMPLATES refused/)
    expect(() =>
      subscribeTemplates(JSON.stringify({ vote: { id: 'x', fields: { title1: 'subject' } } })),
    ).toThrow('vote.fields.title1: title1 is not a WeChat field key')
    expect(() =>
      subscribeTemplates(JSON.stringify({ vote: { id: 'x', fields: { thing1: 'nickname' } } })),
    ).toThrow(/vote\.fields\.thing1/)
    expect(() => subscribeTemplates(JSON.stringify({ vote: { id: 'x', fields: {} } }))).toThrow(
      /at least one field/,
    )
  })
})

describe('topics', () => {
  it('every phrase fits WeChat’s phrase rule as written, so none is cut', () => {
    for (const kind of [
      'suggestion.accepted',
      'suggestion.reopened',
      'meeting.promoted',
      'booking.rejected',
      'convention.closing',
      'residency.invite_claimed',
    ]) {
      expect(fieldValue('phrase', phraseOf(kind))).toBe(phraseOf(kind))
      expect(TOPICS).toContain(topicOf(kind))
    }
    expect(topicOf('register.done')).toBeNull()
  })
})
