import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { getMeeting } from '@/packages/meetings/api'
import { apiBaseUrl } from '@/api/http'
import { Button } from '@/components/button'
import { QrCode } from '@/components/qr-code'
import { ErrorState, Loading } from '@/components/states'
import { useAsync } from '@/lib/use-async'
import { checkinUrl } from '@/packages/meetings/lib/door'
import { meetingWhen } from '@/packages/meetings/lib/time'
import '@/packages/meetings/meetings.scss'

// Shown on a tablet at the door or printed: the check-in code in large digits and a QR code.
// The QR is the meeting page's address carrying the code, so a phone camera opens the H5 app
// with the code filled in, and WeChat's scanner (扫码签到) reads the code from it.

const isH5 = process.env.TARO_ENV === 'h5'

function origin(): string {
  return isH5
    ? window.location.origin
    : apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE)
}

export default function MeetingDoorPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const meeting = useAsync(() => getMeeting(id), id)
  const m = meeting.data
  if (!m && meeting.loading) return <Loading />
  if (!m) return <ErrorState error={meeting.error} onRetry={() => void meeting.reload()} />
  if (!m.checkinCode)
    return <View className="page state">只有议事会成员和居委会工作人员可以查看签到码。</View>
  const code = m.checkinCode

  return (
    <View className="page">
      <View className="card mt-door">
        <View className="mt-door__title">{m.title}</View>
        <View className="muted">
          {meetingWhen(m.startsAt, m.endsAt, Date.now())} · {m.place}
        </View>
        <View className="mt-door__label">签到码</View>
        <View className="mt-door__code" ariaLabel={`签到码 ${code}`}>
          {code}
        </View>
        <QrCode className="mt-door__qr" value={checkinUrl(origin(), m.id, code)} size={400} />
        <View className="mt-door__steps">
          <View>1. 打开“邻里”小程序 → 议事 → 点开这场会议</View>
          <View>2. 点“签到”，输入上面的签到码，或扫二维码</View>
          <View>3. 没有报名或在候补的居民，请到签到台登记</View>
        </View>
      </View>
      <View className="no-print">
        {isH5 && (
          <Button block onClick={() => window.print()}>
            打印
          </Button>
        )}
        <Button block kind="secondary" onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </View>
    </View>
  )
}
