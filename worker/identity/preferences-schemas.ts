import { z } from '@hono/zod-openapi'

/** What the app remembers for a person across phones (decision 023). */
export const PreferencesSchema = z
  .strictObject({
    /** 长辈模式: large text and large tap targets. */
    largeText: z.boolean({ error: '请说明是否打开长辈模式' }),
  })
  .openapi('Preferences')

export type Preferences = z.infer<typeof PreferencesSchema>
