import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { deleteRoomPhoto, uploadRoomPhoto, type RoomPhoto } from '@/packages/bookings/api'
import { apiUrl } from '@/api/request'
import { Button } from '@/components/button'
import { showError, showSuccess } from '@/lib/errors'
import { Photo } from '@/components/photo'

const MAX = 6

/** A room's photos: add (one at a time, checked and stripped of location by the API), remove. */
export function RoomPhotosEditor({
  roomId,
  photos,
  onChange,
}: {
  roomId: string
  photos: RoomPhoto[]
  onChange: (p: RoomPhoto[]) => void
}) {
  const [busy, setBusy] = useState(false)
  const add = async () => {
    let path: string | undefined
    try {
      path = (
        await Taro.chooseImage({
          count: 1,
          sizeType: ['compressed'],
          sourceType: ['album', 'camera'],
        })
      ).tempFilePaths[0]
    } catch {
      return // closed the picker
    }
    if (!path) return
    setBusy(true)
    try {
      onChange((await uploadRoomPhoto(roomId, path)).photos)
      showSuccess('照片已上传')
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  const remove = async (photo: RoomPhoto) => {
    const { confirm } = await Taro.showModal({
      title: '删除这张照片？',
      content: '居民将不再看到这张照片。',
      confirmText: '删除',
      confirmColor: '#9c2525',
    })
    if (!confirm) return
    try {
      onChange((await deleteRoomPhoto(roomId, photo.id)).photos)
    } catch (e) {
      showError(e)
    }
  }
  return (
    <View>
      <View className="photo-grid">
        {photos.map((p) => (
          <View key={p.id} className="photo-grid__item">
            <Photo
              className="photo-grid__img"
              src={apiUrl(p.url)}
              mode="aspectFill"
              alt="房间照片"
            />
            <View
              className="photo-grid__remove"
              ariaRole="button"
              ariaLabel="删除照片"
              onClick={() => void remove(p)}
            >
              删除
            </View>
          </View>
        ))}
      </View>
      {photos.length === 0 && (
        <View className="muted">还没有照片。居民预约前能看到房间的样子，会更放心。</View>
      )}
      {photos.length < MAX ? (
        <Button kind="secondary" block busy={busy} busyText="正在上传…" onClick={() => void add()}>
          添加照片（{photos.length}/{MAX}）
        </Button>
      ) : (
        <View className="field__hint">已有 {MAX} 张，删除一张后才能再添加。</View>
      )}
    </View>
  )
}
