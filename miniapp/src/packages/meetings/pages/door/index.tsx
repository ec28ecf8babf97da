import { Image, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { getMeeting } from '@/packages/meetings/api'
import { apiBaseUrl } from '@/api/http'
import { apiUrl } from '@/api/request'
import { session } from '@/auth/session'
import { Button } from '@/components/button'
import { QrCode } from '@/components/qr-code'
import { ErrorState, Loading } from '@/components/states'
import { useAsync } from '@/lib/use-async'
import { checkinUrl } from '@/packages/meetings/lib/door'
import { meetingWhen } from '@/packages/meetings/lib/time'
import { Page } from '@/components/page'
import '@/packages/meetings/meetings.scss'

// Shown on a tablet at the door or printed: the check-in code in large digits and a code to scan.
// In WeChat it is a 小程序码 (issue 12: the API makes it once, organisers only) that opens the
// meeting in the mini-program with the check-in code filled in. In the H5 build it is a QR code
// of the meeting page's address carrying the code, so a phone camera opens the H5 app.

const isH5 = process.env.TARO_ENV === 'h5'

function origin(): string {
  return isH5
    ? window.location.origin
    : apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE)
}

/** The door sign's 小程序码 as a local file (an <Image> cannot send the organiser's token). */
function useDoorCode(meetingId: string, enabled: boolean): string | null {
  const [file, setFile] = useState<string | null>(null)
  useEffect(() => {
    if (isH5 || !enabled) return
    void Taro.downloadFile({
      url: apiUrl(`/api/meetings/${encodeURIComponent(meetingId)}/door-code`),
      header: { Authorization: `Bearer ${session.getToken() ?? ''}` },
    })
      .then((r) => setFile(r.statusCode === 200 ? r.tempFilePath : null))
      .catch(() => setFile(null))
  }, [meetingId, enabled])
  return file
}

export default function MeetingDoorPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const meeting = useAsync(() => getMeeting(id), id)
  const m = meeting.data
  const doorCode = useDoorCode(id, Boolean(m?.checkinCode))
  if (!m && meeting.loading) return <Loading />
  if (!m) return <ErrorState error={meeting.error} onRetry={() => void meeting.reload()} />
  if (!m.checkinCode)
    return <Page className="state">只有议事会成员和居委会工作人员可以查看签到码。</Page>
  const code = m.checkinCode

  return (
    <Page>
      <View className="card mt-door">
        <View className="mt-door__title">{m.title}</View>
        <View className="muted">
          {meetingWhen(m.startsAt, m.endsAt, Date.now())} · {m.place}
        </View>
        <View className="mt-door__label">签到码</View>
        <View className="mt-door__code" ariaLabel={`签到码 ${code}`}>
          {code}
        </View>
        {doorCode ? (
          <Image
            className="mt-door__wxacode"
            src={doorCode}
            mode="aspectFit"
            ariaLabel="小程序码：微信扫码打开会议并签到"
          />
        ) : (
          <QrCode className="mt-door__qr" value={checkinUrl(origin(), m.id, code)} size={400} />
        )}
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
    </Page>
  )
}
