import { View } from '@tarojs/components'

/**
 * Who wrote a suggestion, for staff only (the API sends it to the community's staff and no one
 * else): the public sees "某楼栋居民" when the author chose so, but a worker calling an elderly
 * author back needs the household.
 */
export function AuthorIdentity({
  identity,
}: {
  identity: { nickname: string; household: string } | null
}) {
  if (!identity) return null
  return (
    <View className="author-identity">
      提交人：{identity.nickname}
      {identity.household ? ` · ${identity.household}` : ''}
      <View className="author-identity__note">仅本社区工作人员可见</View>
    </View>
  )
}
