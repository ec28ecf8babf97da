import Taro from '@tarojs/taro'

// WeChat's side of 长辈模式 outside the page wrapper: the system font size (WeChat's own font
// setting, in px), and no document root to mark (each page's wrapper carries the class,
// components/page.tsx). The browser's version is elder-root.h5.ts.

export function systemFontPx(): number | undefined {
  try {
    return Taro.getSystemInfoSync().fontSizeSetting
  } catch {
    return undefined
  }
}

export function markDocumentRoot(_on: boolean): void {}
