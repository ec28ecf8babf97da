import { Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import {
  addComment,
  flagContent,
  hideComment,
  type SuggestionComment,
} from '@/packages/suggestions/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError } from '@/components/field-error'
import { ApiError } from '@/api/http'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { go } from '@/lib/nav'
import { TextForm } from './text-form'

type Open = { commentId: string; kind: 'reply' | 'flag' | 'hide' } | null

type Props = {
  suggestionId: string
  comments: SuggestionComment[] | undefined
  loading: boolean
  error: unknown
  reload: () => Promise<void>
  signedIn: boolean
  /** Public suggestions take comments; one awaiting moderation or hidden does not. */
  canComment: boolean
  canModerate: boolean
}

function CommentView({
  c,
  open,
  setOpen,
  signedIn,
  canModerate,
  isReply,
}: {
  c: Omit<SuggestionComment, 'replies'>
  open: Open
  setOpen: (o: Open) => void
  signedIn: boolean
  canModerate: boolean
  isReply: boolean
}) {
  const mine = open?.commentId === c.id ? open.kind : null
  return (
    <View className="comment__head">
      <View className="comment__who">
        {c.authorLabel} · {formatDateTime(c.createdAt)}
        {/* Only the author sees a comment the content check holds, marked so. */}
        {c.review && (
          <View className="badge badge--warn" ariaLabel={c.review}>
            {c.review === '审核中' ? '审核中' : '未通过审核'}
          </View>
        )}
      </View>
      {c.review && c.review !== '审核中' && <View className="muted">{c.review}</View>}
      <View className={c.hidden ? 'comment__body comment__body--hidden' : 'comment__body'}>
        {c.body}
      </View>
      {signedIn && !c.hidden && mine === null && (
        <View className="comment__links">
          {!isReply && (
            <View
              className="comment__link"
              ariaRole="button"
              onClick={() => setOpen({ commentId: c.id, kind: 'reply' })}
            >
              回复
            </View>
          )}
          <View
            className="comment__link"
            ariaRole="button"
            onClick={() => setOpen({ commentId: c.id, kind: 'flag' })}
          >
            举报
          </View>
          {canModerate && (
            <View
              className="comment__link"
              ariaRole="button"
              onClick={() => setOpen({ commentId: c.id, kind: 'hide' })}
            >
              隐藏
            </View>
          )}
        </View>
      )}
    </View>
  )
}

/** Comments, one level of replies; flags and (staff) hiding on each. */
export function Comments({
  suggestionId,
  comments,
  loading,
  error,
  reload,
  signedIn,
  canComment,
  canModerate,
}: Props) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState<Open>(null)
  // A refusal (e.g. a word the content check does not allow) stays under the box until edited.
  const [refusal, setRefusal] = useState<string | null>(null)

  const post = async () => {
    if (!text.trim()) return
    setBusy(true)
    setRefusal(null)
    try {
      const added = await addComment(suggestionId, text.trim())
      setText('')
      showSuccess(added.review ? '已提交，审核中' : '已发表')
      await reload()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') setRefusal(e.message)
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const formFor = (commentId: string) => {
    if (open?.commentId !== commentId) return null
    const close = () => setOpen(null)
    if (open.kind === 'reply') {
      return (
        <TextForm
          label="回复内容"
          placeholder="说说您的看法"
          confirmText="发表回复"
          maxLength={500}
          onCancel={close}
          onSubmit={async (body) => {
            await addComment(suggestionId, body, commentId)
            close()
            showSuccess('已回复')
            await reload()
          }}
        />
      )
    }
    if (open.kind === 'flag') {
      return (
        <TextForm
          label="举报理由"
          placeholder="例如：含有人身攻击"
          confirmText="提交举报"
          tone="danger"
          maxLength={200}
          onCancel={close}
          onSubmit={async (reason) => {
            await flagContent(suggestionId, reason, commentId)
            close()
            showSuccess('已举报')
          }}
        />
      )
    }
    return (
      <TextForm
        label="隐藏理由"
        placeholder="例如：含有他人电话号码"
        confirmText="隐藏评论"
        tone="danger"
        maxLength={300}
        onCancel={close}
        onSubmit={async (reason) => {
          await hideComment(commentId, reason)
          close()
          showSuccess('已隐藏')
          await reload()
        }}
      />
    )
  }

  return (
    <Card title={`评论${comments && comments.length > 0 ? `（${comments.length}）` : ''}`}>
      {loading && !comments && <Loading />}
      {!comments && !loading && error != null && (
        <ErrorState error={error} onRetry={() => void reload()} />
      )}
      {comments && comments.length === 0 && <View className="muted">还没有评论。</View>}
      {comments?.map((c) => (
        <View className="comment" key={c.id}>
          <CommentView
            c={c}
            open={open}
            setOpen={setOpen}
            signedIn={signedIn}
            canModerate={canModerate}
            isReply={false}
          />
          {formFor(c.id)}
          {c.replies.length > 0 && (
            <View className="comment__replies">
              {c.replies.map((r) => (
                <View className="comment" key={r.id}>
                  <CommentView
                    c={r}
                    open={open}
                    setOpen={setOpen}
                    signedIn={signedIn}
                    canModerate={canModerate}
                    isReply
                  />
                  {formFor(r.id)}
                </View>
              ))}
            </View>
          )}
        </View>
      ))}

      {canComment && signedIn && (
        <View className="card-action">
          <Textarea
            className="textarea textarea--fit"
            value={text}
            maxlength={500}
            placeholder="写下您的看法（认证居民可评论）"
            placeholderClass="placeholder"
            onInput={(e) => {
              setText(e.detail.value)
              setRefusal(null)
            }}
          />
          <FieldError text={refusal} />
          <Button
            block
            className="card-action"
            busy={busy}
            busyText="正在发表…"
            disabled={!text.trim()}
            onClick={() => void post()}
          >
            发表评论
          </Button>
        </View>
      )}
      {canComment && !signedIn && (
        <Button kind="secondary" block className="card-action" onClick={() => go('login')}>
          登录后评论
        </Button>
      )}
    </Card>
  )
}
