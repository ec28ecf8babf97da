import { Text, View } from '@tarojs/components'
import { photoSrc } from '../tab-api'
import type { SuggestionSummary } from '@/packages/suggestions/api'
import { Badge } from '@/components/badge'
import { ageText, placeText, ratingText, supportText } from '@/packages/suggestions/lib/format'
import { STATUS_TONES } from '@/packages/suggestions/lib/labels'
import './suggestion-card.scss'
import { Photo } from '@/components/photo'

type Props = {
  item: SuggestionSummary
  onOpen: (id: string) => void
  /** Staff see answers past their deadline flagged. */
  showOverdue?: boolean
  /** 我的金点子: something happened since the resident last looked. */
  unread?: boolean
  /** 我附议的: who supported it for her (代办), by name. */
  supportActedBy?: string | null
  now?: number
}

export function SuggestionCard({
  item,
  onOpen,
  showOverdue,
  unread,
  supportActedBy,
  now = Date.now(),
}: Props) {
  const rating = ratingText(item.rating)
  const place = placeText(item.alley, '')
  return (
    <View
      className="idea-card"
      hoverClass="idea-card--hover"
      ariaRole="link"
      onClick={() => onOpen(item.id)}
    >
      <View className="idea-card__body">
        <View className="idea-card__badges">
          <Badge tone={STATUS_TONES[item.status]}>{item.statusLabel}</Badge>
          <Badge tone="plain">{item.categoryLabel}</Badge>
          {item.hidden && <Badge tone="danger">已隐藏</Badge>}
          {showOverdue && item.isOverdue && <Badge tone="danger">逾期未答复</Badge>}
        </View>
        <View className="idea-card__title">
          {unread && <Text className="idea-card__unread" />}
          {item.title}
        </View>
        <View className="idea-card__meta">
          {[place, item.authorLabel, ageText(item.createdAt, now)].filter(Boolean).join(' · ')}
        </View>
        <View className="idea-card__stats">
          <Text className="idea-card__stat">
            {supportText(item.supportCount, item.supportHouseholdCount)}
          </Text>
          {rating && <Text className="idea-card__stat">{rating}</Text>}
          {item.commentCount > 0 && (
            <Text className="idea-card__stat">评论 {item.commentCount}</Text>
          )}
        </View>
        {supportActedBy && <View className="idea-card__meta">由 {supportActedBy} 代办附议</View>}
        {unread && <View className="idea-card__meta strong">有新进展，点开查看</View>}
      </View>
      {item.coverPhotoUrl && (
        <Photo
          className="idea-card__cover"
          src={photoSrc(item.coverPhotoUrl)}
          mode="aspectFill"
          lazyLoad
          alt={`照片：${item.title}`}
        />
      )}
    </View>
  )
}
