import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { apiBaseUrl } from '@/api/http'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { QrCode } from '@/components/qr-code'
import { formatDate, formatDateTime, formatInviteCode } from '@/lib/format'
import { backOr } from '@/lib/nav'
import { issuedCodes } from '@/packages/staff/lib/invite-codes-store'
import { inviteUrl } from '@/packages/staff/lib/invite-link'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'
import './index.scss'

const canPrint = process.env.TARO_ENV === 'h5'

/** The origin the QR code points at: this H5 app, or the API origin that serves the H5 build. */
function origin(): string {
  return canPrint
    ? window.location.origin
    : apiBaseUrl(process.env.TARO_ENV, process.env.TARO_APP_API_BASE)
}

export default function InviteCodesPage() {
  const issued = issuedCodes()

  if (!issued || issued.items.length === 0) {
    return (
      <Page>
        <Card tone="warn" title="没有可显示的邀请码">
          <View className="paragraph">
            邀请码只在生成时显示一次，系统不保存明文。请回到楼栋住户页重新生成（旧码会作废）。
          </View>
          <Button kind="secondary" block onClick={() => backOr('mine')}>
            返回
          </Button>
        </Card>
      </Page>
    )
  }

  const copyAll = () => {
    const text = issued.items
      .map((i) => `${i.householdLabel}：${formatInviteCode(i.code)}`)
      .join('\n')
    void Taro.setClipboardData({ data: text })
  }

  return (
    <Page className="invite-sheet">
      <View className="no-print">
        <View className="notice">
          邀请码只显示这一次，离开本页后无法再查看。请现在{canPrint ? '打印' : '复制或抄写'}
          ，逐户发放。
        </View>
        {canPrint ? (
          <Button block onClick={() => window.print()}>
            打印
          </Button>
        ) : (
          <Button block onClick={copyAll}>
            复制全部邀请码
          </Button>
        )}
      </View>

      <View className="invite-sheet__head">
        <View className="invite-sheet__title">
          {issued.communityName} · {issued.buildingName} 居民认证邀请码
        </View>
        <View className="muted">生成于 {formatDateTime(issued.issuedAt)}</View>
      </View>

      {issued.items.map((item) => (
        <View className="invite-card" key={item.householdId}>
          <View className="invite-card__text">
            <View className="invite-card__household">{item.householdLabel}</View>
            <View className="invite-card__code">{formatInviteCode(item.code)}</View>
            <View className="invite-card__how">
              用手机扫右边的二维码，或打开微信小程序“邻里” → 我的 → 认证居民身份 →
              输入邀请码。有效期至 {formatDate(item.expiresAt)}，仅限本户使用。
            </View>
          </View>
          <QrCode
            className="invite-card__qr"
            value={inviteUrl(origin(), formatInviteCode(item.code))}
            size={280}
          />
        </View>
      ))}
    </Page>
  )
}
