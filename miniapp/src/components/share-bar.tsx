import { Button as NativeButton, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from './button'

// Passing a page on (issue 12): in WeChat, the share sheet (only a native button opens it; the
// page's useShareAppMessage says what the card shows); in a browser, the page's address copied.

const isH5 = process.env.TARO_ENV === 'h5'

export function ShareBar({ label = '转发给邻居' }: { label?: string }) {
  if (isH5)
    return (
      <View className="no-print card-action">
        <Button
          kind="secondary"
          block
          onClick={() =>
            void Taro.setClipboardData({ data: window.location.href }).then(() =>
              Taro.showToast({ title: '链接已复制，可以发给邻居', icon: 'none' }),
            )
          }
        >
          复制链接
        </Button>
      </View>
    )
  return (
    <NativeButton className="btn btn--secondary btn--block card-action" openType="share">
      {label}
    </NativeButton>
  )
}
