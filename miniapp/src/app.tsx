import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { refreshMe } from './packages/identity/actions'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Refresh the cached /api/me behind the first page; a stale token signs out by itself.
    refreshMe().catch(() => undefined)
  })
  return children
}

export default App
