import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { echarts } from '../lib/echarts'
import type { ChartProps } from './chart'

// WeChat: ECharts draws on a <canvas type="2d"> node (as echarts-for-weixin does). zrender
// recognises the mini-program (the `wx` global) and attaches no DOM events; the two things it
// would otherwise ask a browser document for — a scratch canvas and text measuring — are given
// to it here, since Taro's stand-in `document` makes elements that cannot draw.

type CanvasNode = {
  width: number
  height: number
  getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } }
}

let measuring: ReturnType<CanvasNode['getContext']> | null = null

/** Text is measured on the newest chart's canvas (an older page's canvas may be gone). */
function givePlatform(context: ReturnType<CanvasNode['getContext']>) {
  const first = measuring === null
  measuring = context
  if (!first) return
  echarts.setPlatformAPI({
    createCanvas: () =>
      Taro.createOffscreenCanvas({
        type: '2d',
        width: 1,
        height: 1,
      }) as unknown as HTMLCanvasElement,
    measureText: (text: string, font?: string) => {
      measuring!.font = font || '12px sans-serif'
      return measuring!.measureText(text) as TextMetrics
    },
  })
}

export function Chart({ chartId, option, height }: ChartProps) {
  useEffect(() => {
    let chart: ReturnType<typeof echarts.init> | null = null
    let gone = false
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${chartId}`)
        .fields({ node: true, size: true })
        .exec((result: { node?: CanvasNode; width: number; height: number }[]) => {
          const found = result?.[0]
          if (gone || !found?.node) return
          givePlatform(found.node.getContext('2d'))
          chart = echarts.init(found.node as unknown as HTMLCanvasElement, undefined, {
            width: found.width,
            height: found.height,
            devicePixelRatio: Taro.getSystemInfoSync().pixelRatio,
          })
          chart.setOption(option)
        })
    })
    return () => {
      gone = true
      chart?.dispose()
    }
  }, [chartId, option])
  return (
    <Canvas
      type="2d"
      id={chartId}
      className="tp-chart"
      style={{ width: '100%', height: Taro.pxTransform(height) }}
    />
  )
}
