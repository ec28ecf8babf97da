import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { echarts } from '../lib/echarts'
import type { ChartProps } from './chart'

// H5: ECharts draws into a canvas it creates inside the box, and follows the window's width.
export function Chart({ chartId, option, height }: ChartProps) {
  useEffect(() => {
    const box = document.getElementById(chartId)
    if (!box) return
    const chart = echarts.init(box, undefined, { renderer: 'canvas' })
    chart.setOption(option)
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.dispose()
    }
  }, [chartId, option])
  return (
    <View
      id={chartId}
      className="tp-chart"
      aria-hidden="true"
      style={{ height: Taro.pxTransform(height) }}
    />
  )
}
