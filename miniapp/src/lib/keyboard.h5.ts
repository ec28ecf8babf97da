// The keyboard reaches and taps what a finger taps (WCAG 2.1.1). Taro's View is a plain element
// with a click handler: a browser neither puts it in the focus order nor activates it from the
// keyboard as it does a <button>. Here, for the whole app at once, so no tappable View has to
// remember it: every View with a tappable role (components/a11y.ts) joins the focus order, and
// Enter or Space on it taps it.

/** The roles of tappable Views (Button, tabs, choices, cards and rows that open a page). */
const TAPPABLE = ['button', 'link', 'tab', 'radio', 'checkbox', 'option', 'switch']
const NOT_YET_FOCUSABLE = TAPPABLE.map((role) => `[role="${role}"]:not([tabindex])`).join(',')

function enlist(node: Node) {
  if (!(node instanceof Element)) return
  if (node.matches(NOT_YET_FOCUSABLE)) node.setAttribute('tabindex', '0')
  node.querySelectorAll(NOT_YET_FOCUSABLE).forEach((e) => e.setAttribute('tabindex', '0'))
}

export function tapWithKeyboard(): void {
  enlist(document.body)
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'attributes') enlist(change.target)
      else change.addedNodes.forEach(enlist)
    }
  }).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['role'],
  })
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return
    const target = event.target
    // A real <input>, <textarea> or <button> inside Taro's element handles its own keys.
    if (!(target instanceof HTMLElement) || target.getAttribute('tabindex') !== '0') return
    if (!TAPPABLE.includes(target.getAttribute('role') ?? '')) return
    if (target.getAttribute('aria-disabled') === 'true') return
    // Space would also scroll the page.
    event.preventDefault()
    target.click()
  })
}
