import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import type { z } from 'zod'
import type { SubscriptionSchema, TopicSchema } from '@worker/inbox/schemas'
import { session } from '@/auth/session'
import { request } from '@/api/request'

// WeChat subscribe messages (订阅消息, decision 014): asked for at the tap where they make sense
// (submitting or supporting a 金点子, signing up, booking, asking to be verified), with the
// templates of that tap's topics, and the answer recorded so the worker knows how many messages
// it may send. Only the weapp has the prompt; in the H5 build every call here does nothing and
// the inbox stays the one channel.
//
// WeChat shows the prompt only when it is called from the tap itself: a request between the tap
// and the prompt loses it. So the templates are loaded when the page opens
// (useSubscribePrompt), and the tap calls askToSubscribe() before its first await.

export type Subscription = z.infer<typeof SubscriptionSchema>
export type Topic = z.infer<typeof TopicSchema>
type Subscriptions = { items: Subscription[] }
type Answer = 'accept' | 'reject' | 'ban' | 'filter'

export const listSubscriptions = () => request<Subscriptions>('GET', '/api/me/subscriptions')
export const recordAnswers = (answers: { templateId: string; answer: Answer }[]) =>
  request<Subscriptions>('POST', '/api/me/subscriptions/answers', { body: { answers } })
export const switchSubscription = (topic: Topic, enabled: boolean) =>
  request<Subscriptions>('PUT', `/api/me/subscriptions/${topic}`, { body: { enabled } })

const isWeapp = process.env.TARO_ENV === 'weapp'

let known: Subscription[] | null = null

/** Loads the templates, in the weapp and for a signed-in person only. */
export function preloadSubscriptions(): void {
  if (!isWeapp || !session.getToken()) return
  void listSubscriptions()
    .then((list) => {
      known = list.items
    })
    .catch(() => undefined)
}

/** For a page with a tap that asks: loads the templates when the page opens. */
export function useSubscribePrompt(): void {
  useEffect(preloadSubscriptions, [])
}

/**
 * The templates to ask for at a tap on `topics`: the ones never answered, and the one-time ones
 * still switched on (each accept is one more message). Not a long-term subscription already
 * given, nor a topic the person turned down (she turns it on in 消息设置). WeChat takes at most
 * three at once and never one-time and long-term templates together.
 */
export function templatesToAsk(items: Subscription[], topics: Topic[]): string[] {
  const wanted = items.filter(
    (s) =>
      topics.includes(s.topic) &&
      (!s.answered || (s.enabled && !(s.longTerm && s.lastAnswer === 'accept'))),
  )
  const first = wanted[0]
  if (!first) return []
  return wanted
    .filter((s) => s.longTerm === first.longTerm)
    .slice(0, 3)
    .map((s) => s.templateId)
}

const ANSWERS = new Set<string>(['accept', 'reject', 'ban', 'filter'])

/** The answers WeChat gave, per template asked (anything else it returned is left out). */
export function answersOf(
  templateIds: string[],
  result: Record<string, unknown>,
): { templateId: string; answer: Answer }[] {
  return templateIds
    .filter((id) => ANSWERS.has(String(result[id])))
    .map((id) => ({ templateId: id, answer: result[id] as Answer }))
}

/**
 * WeChat's prompt for these templates, from a tap; records the answers and returns the new
 * settings (null when WeChat showed nothing or the answers could not be recorded).
 */
export function promptFor(tmplIds: string[]): Promise<Subscription[] | null> {
  if (!isWeapp || tmplIds.length === 0) return Promise.resolve(null)
  return Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
    .then(async (result) => {
      const answers = answersOf(tmplIds, result as Record<string, unknown>)
      if (answers.length === 0) return null
      known = (await recordAnswers(answers)).items
      return known
    })
    .catch(() => null)
}

/**
 * Call first thing in the tap handler (before any await). Resolves when the person has answered
 * (at once where there is nothing to ask); never fails: the action goes on whatever WeChat says.
 */
export function askToSubscribe(topics: Topic[]): Promise<void> {
  if (!isWeapp || !known) return Promise.resolve()
  return promptFor(templatesToAsk(known, topics)).then(() => undefined)
}
