import { z } from 'zod'
import { SHANGHAI_OFFSET_MS } from '../lib/time'
import { TOPICS, type Topic } from './topics'

// The subscribe-message templates are configuration: each deployment (each appid) picks its
// templates in the WeChat console, where every template has its own id and its own field keys
// (thing1, time2, phrase3 …). WECHAT_SUBSCRIBE_TEMPLATES maps each topic to its template and
// each field key to one of the values a notice provides, e.g.
//
//   {"suggestion":{"id":"AbC…","fields":{"thing1":"subject","phrase2":"status","time3":"time","thing4":"note"}},
//    "meeting":{"id":"XyZ…","fields":{"thing1":"subject","time2":"time","thing3":"place","thing4":"note"},"longTerm":true}}
//
// A topic left out is never offered to residents. `longTerm` says the template is a long-term
// subscription (public-service mini-programs only): one accept, no credits.

/** What a notice provides for a template's fields (worker/inbox/notify.ts). */
export const VALUE_NAMES = ['subject', 'status', 'time', 'place', 'note', 'title'] as const
export type ValueName = (typeof VALUE_NAMES)[number]

/** WeChat's field types (the key without its number). */
const FIELD_TYPES = [
  'thing',
  'phrase',
  'time',
  'date',
  'number',
  'letter',
  'symbol',
  'character_string',
  'name',
  'amount',
  'phone_number',
  'car_number',
] as const
type FieldType = (typeof FIELD_TYPES)[number]
const FIELD_KEY = new RegExp(`^(${FIELD_TYPES.join('|')})(\\d+)$`)

const Template = z
  .object({
    id: z.string().min(1).max(128),
    fields: z.record(z.string(), z.enum(VALUE_NAMES)).superRefine((fields, ctx) => {
      const keys = Object.keys(fields)
      if (keys.length === 0)
        ctx.addIssue({ code: 'custom', message: 'a template needs at least one field' })
      for (const key of keys.filter((k) => !FIELD_KEY.test(k)))
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} is not a WeChat field key (a type and a number, e.g. thing1, time2)`,
        })
    }),
    longTerm: z.boolean().default(false),
  })
  .strict()

const Templates = z.partialRecord(z.enum(TOPICS), Template)

export type TemplateConfig = z.infer<typeof Template>
export type Templates = Partial<Record<Topic, TemplateConfig>>

const parsed = new Map<string, Templates>()

/**
 * The templates from WECHAT_SUBSCRIBE_TEMPLATES (JSON); none when it is unset, in which case no
 * resident is asked and nothing is queued. A malformed value is a deployment error: it throws,
 * naming the problem (never silently drops messages).
 */
export function subscribeTemplates(raw: string | undefined): Templates {
  if (!raw) return {}
  const known = parsed.get(raw)
  if (known) return known
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new Error('WECHAT_SUBSCRIBE_TEMPLATES is not valid JSON')
  }
  const result = Templates.safeParse(json)
  if (!result.success)
    throw new Error(
      `WECHAT_SUBSCRIBE_TEMPLATES refused: ${result.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    )
  parsed.set(raw, result.data)
  return result.data
}

/** A notice's values, before WeChat's rules for each field are applied. */
export type NoticeValues = {
  subject: string
  status: string
  /** Epoch ms. */
  time: number
  place: string
  note: string
  title: string
}

/** The `data` of a subscribe message: each configured field, its value cut to WeChat's rules. */
export function messageData(
  template: TemplateConfig,
  values: NoticeValues,
): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [key, name] of Object.entries(template.fields)) {
    const type = FIELD_KEY.exec(key)![1] as FieldType
    data[key] = { value: fieldValue(type, values[name]) }
  }
  return data
}

// ── WeChat's rules per field type (订阅消息 参数值内容限制) ─────────────────────────────────────
// A value that breaks them makes WeChat refuse the whole message (47003), so every value is cut
// or reformatted here rather than sent as written.

/** Characters as WeChat counts them: code points, not UTF-16 units. */
function cut(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** One line: WeChat shows a field on one line and refuses control characters. */
function oneLine(text: string): string {
  return text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** 2026年12月6日 09:05, in Asia/Shanghai (no daylight saving: a fixed offset is exact). */
export function wechatTime(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${wechatDate(ms)} ${hh}:${mm}`
}

export function wechatDate(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** Empty fields are refused too: a dash says "nothing here". */
const EMPTY = '—'

export function fieldValue(type: FieldType, value: string | number): string {
  if (typeof value === 'number') {
    if (type === 'time') return wechatTime(value)
    if (type === 'date') return wechatDate(value)
    value = String(value)
  }
  const text = oneLine(value)
  switch (type) {
    case 'thing':
      // 20个以内字符: 汉字、数字、字母或符号.
      return cut(text, 20) || EMPTY
    case 'phrase': {
      // 5个以内纯汉字: anything else is dropped, then cut without an ellipsis (not a 汉字).
      const han = [...text].filter((c) => /\p{Script=Han}/u.test(c)).join('')
      return [...han].slice(0, 5).join('') || '通知'
    }
    case 'name':
      // 10个以内纯汉字, or 20 letters: cut without an ellipsis (not a 汉字).
      return [...text].slice(0, /^[\x20-\x7e]*$/.test(text) ? 20 : 10).join('') || EMPTY
    case 'character_string':
      return [...text.replace(/[^\x21-\x7e]/g, '')].slice(0, 32).join('') || '-'
    case 'number':
      return text.replace(/[^\d.]/g, '').slice(0, 32) || '0'
    case 'letter':
      return text.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'A'
    case 'symbol':
      return [...text.replace(/[\p{L}\p{N}\s]/gu, '')].slice(0, 5).join('') || '-'
    case 'phone_number':
      return text.replace(/[^\d+\-()]/g, '').slice(0, 17) || '-'
    case 'car_number':
      return [...text].slice(0, 8).join('') || EMPTY
    case 'amount':
      return text.replace(/[^\d.¥￥元]/g, '').slice(0, 12) || '0'
    case 'time':
    case 'date':
      // A time or date field fed a text value: kept short; WeChat checks the format.
      return cut(text, 20) || EMPTY
  }
}
