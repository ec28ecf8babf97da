import { Image } from '@tarojs/components'
import type { ComponentProps } from 'react'

type Props = Omit<ComponentProps<typeof Image>, 'nativeProps' | 'ariaLabel'> & {
  /** What the photo shows, read out by screen readers; '' for one that only decorates. */
  alt: string
}

/**
 * An <Image> that says what it shows: `alt` on the browser's <img> (H5) and `aria-label` in
 * WeChat, whose screen reader reads it. Every photo a resident sees goes through here, so none
 * is announced as a bare file name (axe-core's image-alt, issue 15).
 */
export function Photo({ alt, ...props }: Props) {
  return <Image {...props} nativeProps={{ alt }} {...(alt ? { 'aria-label': alt } : {})} />
}
