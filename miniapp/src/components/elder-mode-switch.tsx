import { View } from '@tarojs/components'
import { setElderMode, useElderMode } from '@/lib/elder-mode'
import { ariaBool, FOCUSABLE } from './a11y'
import { Card } from './card'

/** The 长辈模式 switch of 我的: on this phone at once, and on the account when signed in. */
export function ElderModeSwitch() {
  const on = useElderMode()
  return (
    <Card className="elder-switch">
      <View
        className="tap-row"
        ariaRole="switch"
        aria-checked={ariaBool(on)}
        {...FOCUSABLE}
        onClick={() => void setElderMode(!on)}
      >
        <View className="list-item__main">
          <View className="strong">长辈模式</View>
          <View className="muted">字更大、按钮更大</View>
        </View>
        <View className={on ? 'switch switch--on' : 'switch'}>{on ? '已打开' : '已关闭'}</View>
      </View>
    </Card>
  )
}
