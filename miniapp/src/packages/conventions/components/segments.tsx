import { Text } from '@tarojs/components'
import type { Segment } from '@/packages/conventions/lib/text-diff'

/** Text with removed words struck through in red and added words underlined in green. */
export function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (
        <Text
          key={i}
          className={
            s.kind === 'added' ? 'diff-ins' : s.kind === 'removed' ? 'diff-del' : undefined
          }
        >
          {s.text}
        </Text>
      ))}
    </>
  )
}
