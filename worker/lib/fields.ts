import { z } from '@hono/zod-openapi'

// Field rules shared by the domains' schemas. Kept apart from router.ts (which needs the
// worker's env types) because the mini-program imports the schemas' types.

/** A required, trimmed text field with Chinese messages that name it. */
export function requiredText(max: number, label: string, min = 1) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
}

/** A Shanghai calendar date. */
export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
