// What makes a tappable View reachable by keyboard and screen readers. Taro's View is a plain
// element with a click handler, so the browser does not know it can be used: `tabindex` puts it in
// the focus order (H5: taro-view-core renders attributes as written, so the lower-case name) and
// makes a scrolling page or strip focusable through its content (axe-core's
// scrollable-region-focusable). WeChat ignores tabindex and reads the aria-* attributes.

/** Spread on a View with a click handler and a role. */
export const FOCUSABLE = { tabindex: 0 } as const

/** aria-checked / aria-selected / aria-disabled as the strings both platforms read. */
export const ariaBool = (value: boolean | undefined): 'true' | 'false' => (value ? 'true' : 'false')

/**
 * Names an <Input> or <Textarea> for screen readers in a browser, where Taro draws the real
 * <input> inside its own element (an aria-label on the outer one names nothing). For a field
 * whose label is a separate text above it and that has no placeholder.
 */
export const inputLabel = (label: string) => ({ nativeProps: { 'aria-label': label } })
