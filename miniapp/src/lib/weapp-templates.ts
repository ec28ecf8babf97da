// The H5 build renders real elements, which keep every attribute: nothing to change. WeChat's
// version is lib/weapp-templates.weapp.ts (Taro picks it for the weapp build).
export {}
