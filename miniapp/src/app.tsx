// First: in WeChat, Taro's attribute table must match the templates before anything renders.
import './lib/weapp-templates'
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { refreshMe } from './packages/identity/actions'
import { labelNavigationBar } from './lib/h5-chrome'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    labelNavigationBar()
    // Refresh the cached /api/me behind the first page; a stale token signs out by itself.
    refreshMe().catch(() => undefined)
  })
  return children
}

export default App
