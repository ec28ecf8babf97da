import { Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import {
  deleteMeetingPhoto,
  getMeeting,
  saveMinutes,
  uploadMeetingPhoto,
} from '@/packages/meetings/api'
import { apiUrl } from '@/api/request'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ErrorState, Loading } from '@/components/states'
import { FieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { useAsync } from '@/lib/use-async'
import { ResolutionForm } from '@/packages/meetings/components/resolution-form'
import { ResolutionView } from '@/packages/meetings/components/resolution-view'
import '@/packages/meetings/meetings.scss'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

// After the meeting: the minutes (saved as a draft, then published to those who took part),
// photos, and per agenda item the resolution (民事民决).

const MIN_MINUTES = 10

export default function MinutesPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const meeting = useAsync(() => getMeeting(id), id)
  const [text, setText] = useState('')
  const [saving, setSaving] = useState<'save' | 'publish' | null>(null)
  const [uploading, setUploading] = useState(false)
  const [textProblem, setTextProblem] = useState<string | null>(null)
  const m = meeting.data
  useEffect(() => {
    if (m?.minutes) setText(m.minutes)
    // Only when the meeting is loaded the first time: later reloads must not overwrite typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [m?.id])

  if (!m && meeting.loading) return <Loading />
  if (!m) return <ErrorState error={meeting.error} onRetry={() => void meeting.reload()} />
  const reload = () => void meeting.reload()

  const save = async (publish: boolean) => {
    if (text.trim().length < MIN_MINUTES) {
      setTextProblem(`会议纪要至少写 ${MIN_MINUTES} 个字`)
      showError(new InputError(`会议纪要至少写 ${MIN_MINUTES} 个字`))
      return
    }
    setTextProblem(null)
    if (publish) {
      const { confirm } = await Taro.showModal({
        title: '公布纪要',
        content: '公布后所有居民都能看到，参会居民会收到通知。',
        confirmText: '公布',
        cancelText: '再改改',
      })
      if (!confirm) return
    }
    setSaving(publish ? 'publish' : 'save')
    try {
      await saveMinutes(m.id, text.trim(), publish)
      showSuccess(publish ? '纪要已公布' : '已保存')
      reload()
    } catch (e) {
      showError(e)
    } finally {
      setSaving(null)
    }
  }

  const addPhotos = async () => {
    let paths: string[]
    try {
      paths = (
        await Taro.chooseImage({
          count: 9,
          sizeType: ['compressed'],
          sourceType: ['album', 'camera'],
        })
      ).tempFilePaths
    } catch {
      return // cancelled
    }
    setUploading(true)
    try {
      // One after another: gentler on a weak connection; a failure stops and says why.
      for (const path of paths) await uploadMeetingPhoto(m.id, path)
      showSuccess('照片已上传')
    } catch (e) {
      showError(e)
    } finally {
      setUploading(false)
      reload()
    }
  }

  const removePhoto = async (photoId: string) => {
    const { confirm } = await Taro.showModal({
      title: '删除照片',
      content: '确定删除这张照片吗？',
      confirmText: '删除',
      cancelText: '取消',
    })
    if (!confirm) return
    try {
      await deleteMeetingPhoto(photoId)
      reload()
    } catch (e) {
      showError(e)
    }
  }

  const urls = m.photos.map((p) => apiUrl(p.url))
  return (
    <Page>
      <View className="page-title">{m.title}</View>

      <Card title="会议纪要">
        {m.minutesPublishedAt ? (
          <View className="notice notice--info">
            已于 {formatDateTime(m.minutesPublishedAt)} 公布。修改后再点“保存”即更新。
          </View>
        ) : (
          <View className="muted">先保存草稿，核对无误后公布。</View>
        )}
        <Textarea
          className="textarea minutes-text"
          style={{ height: '480rpx' }}
          value={text}
          maxlength={20000}
          placeholder="到会人数、讨论经过、各方意见、结论"
          onInput={(e) => setText(e.detail.value)}
        />
        <FieldError text={textProblem} />
        <View className="btn-row card-action">
          <Button kind="secondary" busy={saving === 'save'} onClick={() => void save(false)}>
            保存
          </Button>
          {!m.minutesPublishedAt && (
            <Button busy={saving === 'publish'} onClick={() => void save(true)}>
              公布纪要
            </Button>
          )}
        </View>
      </Card>

      <Card title={`会议照片（${m.photos.length}）`}>
        <View className="mt-photos">
          {m.photos.map((p) => (
            <View className="mt-photos__cell" key={p.id}>
              <Photo
                alt="纪要照片"
                className="mt-photos__img"
                src={apiUrl(p.url)}
                mode="aspectFill"
                onClick={() => void Taro.previewImage({ urls, current: apiUrl(p.url) })}
              />
              <View
                className="mt-photos__remove"
                ariaRole="button"
                onClick={() => void removePhoto(p.id)}
              >
                删除
              </View>
            </View>
          ))}
        </View>
        <Button
          kind="secondary"
          block
          busy={uploading}
          busyText="正在上传…"
          className="card-action"
          onClick={() => void addPhotos()}
        >
          添加照片
        </Button>
      </Card>

      {m.agenda.map((item, i) => (
        <Card key={item.id} title={`议题 ${i + 1}：${item.title}`}>
          {item.resolution ? (
            <ResolutionView
              resolution={item.resolution}
              linkedSuggestion={item.suggestion !== null}
            />
          ) : (
            <ResolutionForm meetingId={m.id} item={item} onPublished={reload} />
          )}
        </Card>
      ))}
    </Page>
  )
}
