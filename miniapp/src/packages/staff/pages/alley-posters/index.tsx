import { View } from '@tarojs/components'
import { apiBaseUrl } from '@/api/http'
import { apiUrl } from '@/api/request'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { QrCode } from '@/components/qr-code'
import { ErrorState, Loading } from '@/components/states'
import { useAsync } from '@/lib/use-async'
import { getCommunity } from '@/packages/places/api'
import { StaffGate } from '@/packages/staff/components/staff-gate'
import { useStaff } from '@/packages/staff/lib/use-staff'
import '@/packages/staff/staff.scss'
import './index.scss'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

// One poster per back alley, to print and put up in the alley (issue 12): whoever scans it opens
// 提金点子 with the alley already chosen. In WeChat the code is a 小程序码 (made once by the API);
// the H5 build, which prints, draws a QR code of its own 提金点子 address with the alley.

const isH5 = process.env.TARO_ENV === 'h5'

function submitUrl(alleyId: string): string {
  const origin = isH5
    ? window.location.origin
    : apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE)
  return `${origin.replace(/\/+$/, '')}/#/packages/suggestions/pages/submit/index?alley=${encodeURIComponent(alleyId)}`
}

function Posters({ communityId }: { communityId: string }) {
  const community = useAsync(() => getCommunity(communityId), communityId)
  const data = community.data
  if (!data && community.loading) return <Loading />
  if (!data) return <ErrorState error={community.error} onRetry={() => void community.reload()} />
  if (data.alleys.length === 0)
    return (
      <Card tone="warn" title="本社区还没有登记背街小巷">
        <View className="paragraph">登记小巷后，这里会为每条小巷生成一张海报。</View>
      </Card>
    )
  return (
    <>
      <View className="paragraph muted no-print">
        共 {data.alleys.length} 张，每张一页。居民扫码后直接为这条小巷提金点子。
      </View>
      {isH5 && (
        <View className="no-print">
          <Button block onClick={() => window.print()}>
            打印海报
          </Button>
        </View>
      )}
      {data.alleys.map((alley) => (
        <View className="alley-poster" key={alley.id}>
          <View className="alley-poster__eyebrow">{data.name} · 背街小巷微治理</View>
          <View className="alley-poster__name">{alley.name}</View>
          {alley.description !== '' && (
            <View className="alley-poster__desc">{alley.description}</View>
          )}
          <View className="alley-poster__ask">这条小巷哪里还能更好？扫码提一个金点子</View>
          {isH5 ? (
            <QrCode className="alley-poster__code" value={submitUrl(alley.id)} size={360} />
          ) : (
            <Photo
              className="alley-poster__code"
              src={apiUrl(`/api/alleys/${encodeURIComponent(alley.id)}/code`)}
              mode="aspectFit"
              alt={`小程序码：为${alley.name}提金点子`}
            />
          )}
          <View className="alley-poster__foot">
            居委会会答复每一条建议，进展在“邻里”小程序里人人可查
          </View>
        </View>
      ))}
    </>
  )
}

export default function AlleyPostersPage() {
  const context = useStaff()
  if (context.status !== 'ok') return <StaffGate context={context}>{null}</StaffGate>
  return (
    <Page>
      <Posters communityId={context.communityId} />
    </Page>
  )
}
