import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { getCentrePolicy, getRoomAdmin } from '@/packages/bookings/api'
import { apiBaseUrl } from '@/api/http'
import { Button } from '@/components/button'
import { QrCode } from '@/components/qr-code'
import { useAsync } from '@/lib/use-async'
import { ManagerGate } from '@/packages/bookings/components/manager-gate'
import { checkinUrl, spacedCode } from '@/packages/bookings/lib/door-sign'
import { Page } from '@/components/page'
import '@/packages/bookings/bookings.scss'

// A printable sign for a room's door: the room, its check-in code in large digits and as a QR
// code, and how residents check in. Managers only (the code is what proves presence).

const isH5 = process.env.TARO_ENV === 'h5'

function origin(): string {
  return isH5
    ? window.location.origin
    : apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE)
}

export default function DoorSignPage() {
  const { params } = useRouter()
  const roomId = params.id ?? ''
  const room = useAsync(() => getRoomAdmin(roomId), roomId)
  const policy = useAsync(
    () => (room.data ? getCentrePolicy(room.data.centreId) : Promise.resolve(null)),
    room.data?.centreId ?? '',
  )
  const data = room.data
  const code = data?.rules?.checkinCode

  return (
    <ManagerGate loading={!data} error={room.error} onRetry={() => void room.reload()}>
      {data && (
        <Page className="door-sign-page">
          {!code ? (
            <View className="state">这个房间还没有预约规则和签到码，请先设置规则。</View>
          ) : (
            <View className="door-sign">
              <View className="door-sign__centre">{data.centreName}</View>
              <View className="door-sign__room">{data.name}</View>
              <View className="door-sign__label">签到码</View>
              <View className="door-sign__code" ariaLabel={`签到码 ${code}`}>
                {spacedCode(code)}
              </View>
              <QrCode className="door-sign__qr" value={checkinUrl(origin(), code)} size={360} />
              <View className="door-sign__steps">
                <View>1. 打开“邻里”小程序 → 预约 → 我的预约</View>
                <View>2. 在您的预约上点“签到”，输入上面的签到码或扫码</View>
                <View>
                  {`3. 请在开始前 ${policy.data?.checkinOpensMinutesBefore ?? 15} 分钟到开始后 ${policy.data?.checkinGraceMinutes ?? 15} 分钟内签到，逾时预约会被释放给其他居民，并计为一次未签到`}
                </View>
              </View>
              <View className="door-sign__foot">
                团队预约：团队成员都可以签到 · 如有疑问请联系邻里中心
              </View>
            </View>
          )}
          {code && (
            <View className="no-print door-sign__actions">
              {isH5 ? (
                <Button block onClick={() => window.print()}>
                  打印门牌
                </Button>
              ) : (
                <View className="muted">请在电脑上打开邻里网页版打印，或截图后打印。</View>
              )}
              <Button block kind="secondary" onClick={() => void Taro.navigateBack()}>
                返回
              </Button>
            </View>
          )}
        </Page>
      )}
    </ManagerGate>
  )
}
