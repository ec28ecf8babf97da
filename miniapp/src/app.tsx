// First: in WeChat, Taro's attribute table must match the templates before anything renders.
import './lib/weapp-templates'
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { refreshMe } from './packages/identity/actions'
import { labelNavigationBar } from './lib/h5-chrome'
import { startElderMode } from './lib/elder-mode'
import { tapWithKeyboard } from './lib/keyboard'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    labelNavigationBar()
    tapWithKeyboard()
    // 长辈模式: the root class, the account's choice, the offer when the system font is large.
    startElderMode()
    // Refresh the cached /api/me behind the first page; a stale token signs out by itself.
    refreshMe().catch(() => undefined)
  })
  return children
}

export default App
