// The navigation bar of a page opened in a browser (H5): the weapp has WeChat's own bar with back
// and home, so there is nothing to do here; lib/h5-chrome.h5.ts is the browser's version (Taro
// picks it for the H5 build).
export function labelNavigationBar(): void {}
