// Enter and Space on a focused tappable View (H5 only: lib/keyboard.h5.ts). In WeChat, taps come
// from the screen or from the screen reader's double tap; there is no keyboard to listen to.
export function tapWithKeyboard(): void {}
