import { View } from '@tarojs/components'
import type { PhotoItem } from '@/packages/suggestions/lib/photo-list'
import { Photo } from '@/components/photo'

type Props = {
  photos: PhotoItem[]
  max: number
  onAdd: () => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
  onPreview: (key: string) => void
}

/** Thumbnails while they upload, each with its state; the last tile adds more. */
export function PhotoPicker({ photos, max, onAdd, onRemove, onRetry, onPreview }: Props) {
  return (
    <View>
      <View className="photo-grid">
        {photos.map((p) => (
          <View key={p.key} className="photo-grid__item">
            <Photo
              alt="刚选的照片"
              className="photo-grid__img"
              src={p.filePath}
              mode="aspectFill"
              onClick={() => onPreview(p.key)}
            />
            {p.status === 'uploading' && <View className="photo-grid__state">上传中…</View>}
            {p.status === 'failed' && (
              <View
                className="photo-grid__state photo-grid__state--failed"
                ariaRole="button"
                onClick={() => onRetry(p.key)}
              >
                失败，点此重试
              </View>
            )}
            <View
              className="photo-grid__remove"
              ariaRole="button"
              ariaLabel="删除这张照片"
              onClick={() => onRemove(p.key)}
            >
              ×
            </View>
          </View>
        ))}
        {photos.length < max && (
          <View className="photo-grid__item photo-grid__add" ariaRole="button" onClick={onAdd}>
            <View className="photo-grid__plus">＋</View>
            <View>添加照片</View>
          </View>
        )}
      </View>
      {photos.map((p, i) =>
        p.status === 'failed' && p.error ? (
          <View key={p.key} className="photo-errors">
            第 {i + 1} 张：{p.error}
          </View>
        ) : null,
      )}
    </View>
  )
}
