import { Button as NativeButton, View } from '@tarojs/components'
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useState } from 'react'
import { pledge } from '@/packages/conventions/api'
import { apiBaseUrl } from '@/api/http'
import { apiUrl } from '@/api/request'
import { getCommunity } from '@/packages/places/api'
import { Badge } from '@/components/badge'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { QrCode } from '@/components/qr-code'
import { ErrorState, Loading } from '@/components/states'
import { showError, showSuccess } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { go } from '@/lib/nav'
import { useAsync } from '@/lib/use-async'
import { OPTION_NAMES, OPTIONS } from '@/packages/conventions/lib/labels'
import { LegalFractions } from '@/packages/conventions/components/result-card'
import { resultView } from '@/packages/conventions/lib/result-view'
import { conventionPath, conventionShareUrl } from '@/packages/conventions/lib/routes'
import { useConvention } from '@/packages/conventions/lib/use-convention'
import '@/packages/conventions/conventions.scss'
import { Photo } from '@/components/photo'
import { Page } from '@/components/page'

const isH5 = process.env.TARO_ENV === 'h5'

/** Where the QR code points: this H5 app's own origin, or the API origin that serves the H5 build. */
function shareOrigin(): string {
  if (isH5) return window.location.origin
  return apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE)
}

/** The 公示 notice of a convention in force: printable (H5), shareable, with the pledges. */
export default function PosterPage() {
  const convention = useConvention()
  const detail = convention.data
  const communityId = detail?.communityId ?? ''
  const community = useAsync(
    () => (communityId ? getCommunity(communityId) : Promise.resolve(null)),
    communityId,
  )
  const [busy, setBusy] = useState(false)

  useShareAppMessage(() => ({
    title: detail ? `公示：${detail.title}` : '微规约公示',
    path: conventionPath('poster', { id: convention.id }),
  }))
  useShareTimeline(() => ({
    title: detail ? `公示：${detail.title}` : '微规约公示',
    query: `id=${convention.id}`,
  }))

  if (!detail && convention.loading) return <Loading />
  if (!detail)
    return <ErrorState error={convention.error} onRetry={() => void convention.reload()} />

  const url = conventionShareUrl(shareOrigin(), detail.id)
  const result = detail.result ? resultView(detail.result, detail.voting?.basis) : null
  const yes = detail.result?.yes
  const filing = detail.filing
  const communityName = community.data?.name ?? ''

  const onPledge = async () => {
    setBusy(true)
    try {
      await pledge(detail.id)
      showSuccess('感谢您的承诺')
      void convention.reload()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page>
      {detail.status !== 'in_force' && (
        <View className="notice no-print">
          这份微规约当前状态为“{detail.statusLabel}”，
          {detail.status === 'superseded' ? '已被修订版取代，下面是原公示内容。' : '尚未生效。'}
        </View>
      )}

      <View className="poster">
        <View className="poster__eyebrow">公 示</View>
        <View className="poster__title">{detail.title}</View>
        <View className="poster__sub">
          {communityName}
          {communityName ? ' · ' : ''}适用范围：{detail.scopeLabel}
        </View>

        {detail.text.preamble && <View className="cv-preamble">{detail.text.preamble}</View>}
        {detail.text.articles.map((a, i) => (
          <View className="article" key={i}>
            <View className="article__row">
              <View className="article__no">第{i + 1}条</View>
              <View className="article__text">{a}</View>
            </View>
          </View>
        ))}

        {result && detail.result && (
          <View className="poster__section">
            <View className="poster__heading">表决结果：{result.headline}</View>
            <View className="poster__facts">
              <View>{result.participation}</View>
              {result.participationArea && <View>{result.participationArea}</View>}
              <View>
                {OPTIONS.map(
                  (o) => `${OPTION_NAMES[o]} ${detail.result![o].count} ${result.unit}`,
                ).join('，')}
                {yes && result.participationArea && !result.fractions
                  ? `；赞成户专有面积 ${result.options[0]!.area}（占参与面积 ${result.options[0]!.areaShare}）`
                  : ''}
              </View>
              {result.fractions && <LegalFractions fractions={result.fractions} />}
              {(detail.voting?.counting ?? []).map((line, i) => (
                <View className="counting-line" key={i}>
                  {line}
                </View>
              ))}
              <View className="strong">{result.decidedBy}</View>
            </View>
          </View>
        )}

        {filing && (
          <View className="poster__section">
            <View className="poster__heading">备案</View>
            <View className="poster__facts">
              <View>备案机关：{filing.authority}</View>
              <View>备案编号：{filing.number}</View>
              <View>备案日期：{filing.date}</View>
              <View>生效日期：{formatDate(filing.inForceAt)}</View>
            </View>
          </View>
        )}

        <View className="poster__qr">
          {isH5 ? (
            <QrCode value={url} size={300} />
          ) : (
            // In WeChat a 小程序码 (made once by the API) opens the convention in the mini-program.
            <Photo
              className="poster__code"
              src={apiUrl(`/api/conventions/${detail.id}/code`)}
              mode="aspectFit"
              alt="小程序码：扫码查看这份微规约"
            />
          )}
          <View className="poster__qr-text">
            扫码查看全文、修改历史和表决结果，核对投票回执，或承诺遵守。
          </View>
        </View>

        <View className="poster__seal">
          <View>{communityName}居民议事会</View>
          {filing && <View>{formatDate(filing.inForceAt)}</View>}
        </View>
      </View>

      <View className="no-print">
        <Card title="我承诺遵守">
          <View className="paragraph">已有 {detail.pledges.total} 位居民承诺遵守。</View>
          {detail.pledges.byBuilding.map((b) => (
            <View className="list-item__row list-item" key={b.buildingName}>
              <View className="list-item__main">{b.buildingName}</View>
              <View className="strong">{b.count} 人</View>
            </View>
          ))}
          {detail.viewer.pledged && (
            <View className="paragraph card-action">
              <Badge tone="ok">您已承诺遵守</Badge>
            </View>
          )}
          {detail.viewer.canPledge && (
            <Button block className="card-action" busy={busy} onClick={() => void onPledge()}>
              我承诺遵守
            </Button>
          )}
          {!convention.loading && !detail.viewer.inScope && detail.status === 'in_force' && (
            <View className="muted card-action">
              适用范围（{detail.scopeLabel}）内的认证居民可以承诺遵守。
            </View>
          )}
        </Card>

        {isH5 ? (
          <View className="btn-row">
            <Button onClick={() => window.print()}>打印公示</Button>
            <Button kind="secondary" onClick={() => void Taro.setClipboardData({ data: url })}>
              复制链接
            </Button>
          </View>
        ) : (
          // A native button: only it can open WeChat's share sheet.
          <NativeButton className="btn btn--block" openType="share">
            分享给邻居
          </NativeButton>
        )}
        <Button kind="quiet" block className="card-action" onClick={() => go('council')}>
          返回议事
        </Button>
      </View>
    </Page>
  )
}
