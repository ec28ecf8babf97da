import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { encodeQr, type ErrorCorrection } from './qr-matrix'

type Props = {
  /** The text to encode, usually an https address. */
  value: string
  /** Width of the dark-module area plus the quiet zone, in design px (750 wide). */
  size?: number
  level?: ErrorCorrection
  className?: string
}

/**
 * A QR code drawn with plain views (no canvas), so it renders the same in WeChat and in a
 * browser and prints on paper. Each row is one flex line; neighbouring dark modules are merged
 * into one view to keep the node count low.
 */
export function QrCode({ value, size = 360, level = 'M', className }: Props) {
  const matrix = useMemo(() => encodeQr(value, level), [value, level])
  const quiet = 4
  const cells = matrix.size + quiet * 2
  // Whole, even design px per module: one module is then a whole number of CSS px on a 375-wide
  // screen, so no seams appear between rows (seams confuse some scanners).
  const cell = Math.max(2, Math.floor(size / cells / 2) * 2)
  const rows = useMemo(
    () =>
      matrix.modules.map((row) => {
        const runs: { start: number; length: number }[] = []
        row.forEach((dark, x) => {
          if (!dark) return
          const last = runs[runs.length - 1]
          if (last && last.start + last.length === x) last.length++
          else runs.push({ start: x, length: 1 })
        })
        return runs
      }),
    [matrix],
  )
  const px = (n: number) => Taro.pxTransform(n * cell)
  return (
    <View
      className={['qr-code', className].filter(Boolean).join(' ')}
      ariaRole="img"
      ariaLabel="二维码"
      style={{
        width: px(cells),
        height: px(cells),
        padding: px(quiet),
        boxSizing: 'border-box',
        background: '#ffffff',
        WebkitPrintColorAdjust: 'exact',
        printColorAdjust: 'exact',
      }}
    >
      {rows.map((runs, y) => (
        <View key={y} style={{ position: 'relative', height: px(1) }}>
          {runs.map((r) => (
            <View
              key={r.start}
              className="qr-code__dark"
              style={{
                position: 'absolute',
                top: 0,
                left: px(r.start),
                width: px(r.length),
                height: px(1),
                background: '#000000',
              }}
            />
          ))}
        </View>
      ))}
    </View>
  )
}
