import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '@/components/card'
import { openDataLinks } from '../api'

/**
 * The open-data files (CSV in UTF-8 with a BOM, JSON; licence CC BY 4.0). The web version opens
 * them; WeChat cannot download to a computer, so it copies the link to open in a browser.
 */
export function OpenData({ communityId, streetId }: { communityId: string; streetId: string }) {
  const open = (url: string) => {
    if (process.env.TARO_ENV === 'h5') {
      window.open(url, '_blank')
      return
    }
    void Taro.setClipboardData({ data: url }).then(() =>
      Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' }),
    )
  }
  return (
    <Card title="开放数据">
      <View className="muted">
        任何人都可以下载、转载和分析这些数据，请注明出处（知识共享 署名
        4.0）。不含任何居民的姓名、昵称或住址。
      </View>
      <View className="tp-links">
        {openDataLinks(communityId, streetId).map((l) => (
          <View className="chip" key={l.url} onClick={() => open(l.url)}>
            {l.label}
          </View>
        ))}
      </View>
    </Card>
  )
}
