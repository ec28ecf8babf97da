import { Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { addComment, type ConventionComment } from '@/packages/conventions/api'
import { Button } from '@/components/button'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { validateComment } from '@/packages/conventions/lib/forms'

type ComposerProps = {
  conventionId: string
  /** The article commented on; undefined = the whole text. */
  article?: number
  /** Set when the committee replies to a comment. */
  parentId?: string
  placeholder: string
  submitText: string
  onDone: () => void
  onCancel: () => void
}

export function Composer({
  conventionId,
  article,
  parentId,
  placeholder,
  submitText,
  onDone,
  onCancel,
}: ComposerProps) {
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    const checked = validateComment(body)
    setProblem(checked.ok ? null : checked.error)
    if (!checked.ok) {
      showError(new InputError(checked.error))
      return
    }
    setBusy(true)
    try {
      await addComment(conventionId, {
        body: checked.value,
        ...(article ? { article } : {}),
        ...(parentId ? { parentId } : {}),
      })
      showSuccess(parentId ? '已回复' : '已提交')
      setBody('')
      onDone()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="composer">
      <Textarea
        className="textarea"
        value={body}
        maxlength={1000}
        placeholder={placeholder}
        onInput={(e) => setBody(e.detail.value)}
      />
      <FieldError text={problem} />
      <View className="btn-row">
        <Button kind="quiet" onClick={onCancel}>
          取消
        </Button>
        <Button
          busy={busy}
          busyText="正在提交…"
          disabled={!body.trim()}
          onClick={() => void submit()}
        >
          {submitText}
        </Button>
      </View>
    </View>
  )
}

/** One comment with the committee's replies; the committee may reply while consultation runs. */
export function CommentItem({
  comment,
  conventionId,
  canReply,
  onChanged,
}: {
  comment: ConventionComment
  conventionId: string
  canReply: boolean
  onChanged: () => void
}) {
  const [replying, setReplying] = useState(false)
  return (
    <View className="comment">
      <View className="comment__meta">
        {comment.authorLabel} · {formatDateTime(comment.createdAt)} · 第 {comment.version} 版
      </View>
      <View className="comment__body">{comment.body}</View>
      {comment.replies.map((r) => (
        <View className="reply" key={r.id}>
          <View className="comment__meta">
            {r.authorLabel}回复 · {formatDateTime(r.createdAt)}
          </View>
          <View className="comment__body">{r.body}</View>
        </View>
      ))}
      {canReply && !replying && (
        <View className="list-item__actions">
          <Button size="small" kind="secondary" onClick={() => setReplying(true)}>
            回复
          </Button>
        </View>
      )}
      {replying && (
        <Composer
          conventionId={conventionId}
          parentId={comment.id}
          placeholder="回复这条意见（会公开显示）"
          submitText="发表回复"
          onCancel={() => setReplying(false)}
          onDone={() => {
            setReplying(false)
            onChanged()
          }}
        />
      )}
    </View>
  )
}
