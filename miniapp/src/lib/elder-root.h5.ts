// The browser's side of 长辈模式 outside the page wrapper (WeChat's is elder-root.ts):
// - the system font: the size the browser gives `medium` text (its font setting; Taro sets the
//   root's own size for its rem units, so the root cannot tell);
// - the document root carries `elder` too, for what Taro draws outside pages (the tab bar,
//   dialogs, pickers: lib/h5-chrome.scss).

export function systemFontPx(): number | undefined {
  const probe = document.createElement('div')
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
  document.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  probe.remove()
  return Number.isFinite(px) ? px : undefined
}

export function markDocumentRoot(on: boolean): void {
  document.documentElement.classList.toggle('elder', on)
}
