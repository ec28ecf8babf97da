import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { errorMessage } from '@/lib/error-message'
import { Button } from './button'

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return <View className="state">{text}</View>
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="state">
      <View className="state__title">没有加载成功</View>
      <View>{errorMessage(error)}</View>
      {onRetry && (
        <Button kind="secondary" onClick={onRetry}>
          重新加载
        </Button>
      )}
    </View>
  )
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <View className="state">
      <View className="state__title">{title}</View>
      {children}
    </View>
  )
}
