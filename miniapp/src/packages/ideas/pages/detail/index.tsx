import { View } from '@tarojs/components'
import { useRedirect } from '@/lib/redirect'
import { IDEAS_PAGES } from '@/packages/suggestions/lib/routes'

/** The 金点子 page's address before the subpackage was named suggestions (notices, shared links). */
export default function OldSuggestionDetailPage() {
  useRedirect(IDEAS_PAGES.detail)
  return <View />
}
