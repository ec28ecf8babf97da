// Which attributes WeChat's templates pass from a React <View> or <Image> to the WXML element
// (decision 023). Taro writes one template per component and nesting level (base.wxml, 15 levels,
// three kinds of view) with only the attributes it lists; any other prop is dropped on the way.
// Its list for <view> has no aria-*, so in WeChat every role, label and state the H5 build gives
// screen readers was lost. It does list touch, long-press, animation and hover-timing attributes
// no page of ours sets; dropping those pays for the aria ones in the main package.
//
// Applied twice, identically: at build time to the templates (config/weapp-templates.ts) and at
// run time to Taro's own table (lib/weapp-templates.weapp.ts), because both number the attributes
// (p0, p1…) from the same sorted list: a difference would send each value to the wrong attribute.

/** WeChat's screen-reader attributes, as our components set them (components/a11y.ts). */
export const ARIA_VIEW_ATTRIBUTES = [
  'aria-role',
  'aria-label',
  'aria-checked',
  'aria-selected',
  'aria-disabled',
]

/** Attributes of Taro's <view> that no page sets (scripts/weapp checks the source for them). */
export const UNUSED_VIEW_ATTRIBUTES = [
  'hover-stop-propagation',
  'hover-start-time',
  'hover-stay-time',
  'bindTouchStart',
  'bindTouchMove',
  'bindTouchEnd',
  'bindTouchCancel',
  'bindLongTap',
  'animation',
  'bindAnimationStart',
  'bindAnimationIteration',
  'bindAnimationEnd',
  'bindTransitionEnd',
]

/** The React props those unused attributes come from: none may appear in miniapp/src. */
export const UNUSED_VIEW_PROPS = [
  'hoverStopPropagation',
  'hoverStartTime',
  'hoverStayTime',
  'onTouchStart',
  'onTouchMove',
  'onTouchEnd',
  'onTouchCancel',
  'onLongTap',
  'onLongPress',
  'animation',
  'onAnimationStart',
  'onAnimationIteration',
  'onAnimationEnd',
  'onTransitionEnd',
  // The only use of Taro's catch-view, whose templates the build leaves out.
  'catchMove',
]

type Components = Record<string, Record<string, string> | undefined>

/** Rewrites Taro's component table in place (a no-op on a table without View and Image). */
export function patchViewAttributes(components: Components): void {
  const { View: view, Image: image } = components
  if (!view || !image) return
  for (const name of UNUSED_VIEW_ATTRIBUTES) delete view[name]
  for (const name of ARIA_VIEW_ATTRIBUTES) view[name] = ''
  image['aria-label'] = ''
}
