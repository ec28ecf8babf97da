import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { listInbox, markAllRead, markRead, type Notification } from '@/packages/inbox/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { Empty, ErrorState, Loading } from '@/components/states'
import { showError } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { linkTarget } from '../../lib/links'
import { INBOX_SETTINGS_PAGE } from '../../lib/routes'
import { Page } from '@/components/page'
import '@/packages/meetings/meetings.scss'

// 我的消息: everything that concerns me (promoted from a waitlist, a meeting moved or cancelled,
// minutes out, an answer to my 金点子, a booking approved…), newest first. Tapping one marks it
// read and opens what it is about.

export default function InboxPage() {
  const [items, setItems] = useState<Notification[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const [markingAll, setMarkingAll] = useState(false)

  const load = async (from?: string) => {
    setLoading(true)
    try {
      const page = await listInbox(from)
      setItems((list) => (from ? [...list, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setError(null)
    } catch (e) {
      setError(e)
    } finally {
      setLoading(false)
    }
  }
  useEffect(() => {
    void load()
  }, [])
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const open = async (n: Notification) => {
    if (!n.read) {
      setItems((list) => list.map((x) => (x.id === n.id ? { ...x, read: true } : x)))
      // Marking read must not keep the resident from the page the message is about.
      void markRead(n.id).catch(() => undefined)
    }
    const target = linkTarget(n.link)
    if (target?.kind === 'tab') void Taro.switchTab({ url: target.url })
    else if (target) void Taro.navigateTo({ url: target.url })
  }

  const readAll = async () => {
    setMarkingAll(true)
    try {
      await markAllRead()
      setItems((list) => list.map((x) => ({ ...x, read: true })))
    } catch (e) {
      showError(e)
    } finally {
      setMarkingAll(false)
    }
  }

  if (items.length === 0 && loading) return <Loading />
  if (items.length === 0 && error) return <ErrorState error={error} onRetry={() => void load()} />
  const unread = items.filter((n) => !n.read).length

  return (
    <Page>
      <View className="page-title">我的消息</View>
      {items.length === 0 ? (
        <Empty title="还没有消息">
          <View>报名的会议有变化、候补递补成功、金点子有了答复，都会在这里告诉您。</View>
        </Empty>
      ) : (
        <Card>
          {items.map((n) => (
            <View
              key={n.id}
              className={
                n.read
                  ? 'list-item inbox-item mt-notice--read'
                  : 'list-item inbox-item inbox-item--unread'
              }
              ariaRole="link"
              onClick={() => void open(n)}
            >
              <View className="list-item__title">
                {!n.read && <View className="mt-unread-dot" ariaLabel="未读" />}
                {n.title}
              </View>
              <View className="list-item__meta">{n.body}</View>
              <View className="list-item__meta">{formatDateTime(n.createdAt)}</View>
            </View>
          ))}
          {cursor && (
            <Button kind="quiet" block busy={loading} onClick={() => void load(cursor)}>
              加载更多
            </Button>
          )}
        </Card>
      )}
      {unread > 0 && (
        <Button kind="secondary" block busy={markingAll} onClick={() => void readAll()}>
          全部标为已读
        </Button>
      )}
      <Button kind="quiet" block onClick={() => void Taro.navigateTo({ url: INBOX_SETTINGS_PAGE })}>
        消息设置：哪些消息同时用微信提醒我
      </Button>
    </Page>
  )
}
