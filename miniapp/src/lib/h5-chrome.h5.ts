// A page opened from a shared link or a QR code in a browser had no title, no back and no way home
// (issue 17): Taro's H5 navigation bar was off. app.config.ts turns it on (navigationStyle
// 'default'): Taro shows the page's title, a back arrow when there is a page to go back to, and a
// home button when the page was opened directly. Here: its look (h5-chrome.scss) and names for
// the two icon buttons, which Taro leaves unlabelled, so a screen reader says what they do.
import './h5-chrome.scss'

export function labelNavigationBar(): void {
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar) return
  const label = (selector: string, name: string) => {
    const button = bar.querySelector(selector)
    button?.setAttribute('role', 'button')
    button?.setAttribute('aria-label', name)
  }
  label('.taro-navigation-bar-back', '返回')
  label('.taro-navigation-bar-home', '回到首页')
}
