import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ConventionComment, ConventionDetail } from '@/packages/conventions/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { CommentItem, Composer } from './comments'

type Props = {
  detail: ConventionDetail
  comments: ConventionComment[]
  onCommentsChanged: () => void
}

/**
 * The text in force for this convention (the voted version once voting opened): preamble and
 * numbered articles. Tapping an article opens what residents said about it and, during
 * consultation, "对本条提意见".
 */
export function ConventionText({ detail, comments, onCommentsChanged }: Props) {
  const [open, setOpen] = useState<number | null>(null)
  const [writing, setWriting] = useState<number | 'whole' | null>(null)
  const { viewer, text } = detail
  const consulting = detail.status === 'consultation'
  const canReply = viewer.canManage && consulting
  const onArticle = (n: number) => comments.filter((c) => c.article === n)
  const whole = comments.filter((c) => c.article === null)

  return (
    <>
      <Card title={`条文（第 ${text.version} 版）`}>
        {consulting && viewer.canComment && (
          <View className="notice notice--info">
            点任意一条条文，可以看大家的意见，也可以对这一条提意见。
          </View>
        )}
        {text.preamble && <View className="cv-preamble">{text.preamble}</View>}
        {text.articles.map((article, i) => {
          const n = i + 1
          const thread = onArticle(n)
          const isOpen = open === n
          return (
            <View className={isOpen ? 'article article--open' : 'article'} key={n}>
              <View className="article__row" onClick={() => setOpen(isOpen ? null : n)}>
                <View className="article__no">第{n}条</View>
                <View className="article__text">
                  {article}
                  {thread.length > 0 && <Badge tone="plain">{thread.length} 条意见</Badge>}
                </View>
              </View>
              {isOpen && (
                <View className="article__thread">
                  {thread.length === 0 && <View className="muted">这一条还没有意见。</View>}
                  {thread.map((c) => (
                    <CommentItem
                      key={c.id}
                      comment={c}
                      conventionId={detail.id}
                      canReply={canReply}
                      onChanged={onCommentsChanged}
                    />
                  ))}
                  {viewer.canComment && writing !== n && (
                    <Button
                      kind="secondary"
                      block
                      className="card-action"
                      onClick={() => setWriting(n)}
                    >
                      对本条提意见
                    </Button>
                  )}
                  {writing === n && (
                    <Composer
                      conventionId={detail.id}
                      article={n}
                      placeholder={`您对第${n}条的意见或建议`}
                      submitText="提交意见"
                      onCancel={() => setWriting(null)}
                      onDone={() => {
                        setWriting(null)
                        onCommentsChanged()
                      }}
                    />
                  )}
                </View>
              )}
            </View>
          )
        })}
      </Card>

      {(whole.length > 0 || viewer.canComment) && (
        <Card title="对全文的意见">
          {whole.length === 0 && <View className="muted">还没有对全文的意见。</View>}
          {whole.map((c) => (
            <CommentItem
              key={c.id}
              comment={c}
              conventionId={detail.id}
              canReply={canReply}
              onChanged={onCommentsChanged}
            />
          ))}
          {viewer.canComment && writing !== 'whole' && (
            <Button
              kind="secondary"
              block
              className="card-action"
              onClick={() => setWriting('whole')}
            >
              对全文提意见
            </Button>
          )}
          {writing === 'whole' && (
            <Composer
              conventionId={detail.id}
              placeholder="您对这份微规约整体的意见或建议"
              submitText="提交意见"
              onCancel={() => setWriting(null)}
              onDone={() => {
                setWriting(null)
                onCommentsChanged()
              }}
            />
          )}
        </Card>
      )}
    </>
  )
}
