import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { type SuggestionPhoto } from '@/packages/suggestions/api'
import { photoSrc } from '@/packages/suggestions/tab-api'
import { Photo } from '@/components/photo'

/** Photos of a suggestion or progress update; a tap opens them full screen. Held ones say 审核中. */
export function PhotoGrid({ photos }: { photos: SuggestionPhoto[] }) {
  if (photos.length === 0) return null
  const urls = photos.map((p) => photoSrc(p.url))
  return (
    <View className="photo-grid">
      {photos.map((p, i) => (
        <View
          key={p.id}
          className="photo-grid__item"
          ariaRole="img"
          ariaLabel={`照片 ${i + 1}`}
          onClick={() => void Taro.previewImage({ urls, current: urls[i] })}
        >
          <Photo
            className="photo-grid__img"
            src={urls[i] ?? ''}
            mode="aspectFill"
            lazyLoad
            alt=""
          />
          {/* Only the uploader and staff see a photo the content check holds, marked so. */}
          {p.review && (
            <View
              className={
                p.review === '审核中'
                  ? 'photo-grid__state'
                  : 'photo-grid__state photo-grid__state--failed'
              }
            >
              {p.review === '审核中' ? '审核中' : '未通过审核'}
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
