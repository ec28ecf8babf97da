import { View } from '@tarojs/components'
import { Card } from '../../components/card'

// What the 三会 are, in plain words. Meetings themselves (sign-up, minutes, resolutions) come
// with the meetings domain; nothing here pretends they exist yet.
const MEETINGS = [
  { name: '听证会', text: '涉及居民切身利益的事情，在做决定之前先开听证会，听取居民的意见和建议。' },
  { name: '协调会', text: '居民之间、居民和单位之间有矛盾时，由居委会牵头，请各方坐下来协商解决。' },
  { name: '评议会', text: '事情办完以后，请居民对社区的工作和办理结果打分评议，办得好不好由居民说了算。' },
]

export default function CouncilPage() {
  return (
    <View className='page'>
      <View className='page-title'>议事</View>
      <View className='lead'>社区的事大家商量着办：民事民议、民事民决、民事民评。</View>

      <Card title='三会制度'>
        {MEETINGS.map((m) => (
          <View className='list-item' key={m.name}>
            <View className='list-item__title'>{m.name}</View>
            <View className='list-item__meta'>{m.text}</View>
          </View>
        ))}
      </Card>

      <Card title='居民议事会'>
        <View className='paragraph'>
          议事会由居民代表组成，讨论社区里的公共事务：金点子的采纳、微规约的起草、背街小巷的改造方案。会议的决定和落实情况向全体居民公开。
        </View>
      </Card>

      <View className='notice notice--info'>议事会的报名、签到和会议决议公示将在后续版本开放。</View>
    </View>
  )
}
