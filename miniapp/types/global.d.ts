/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** API origin for the weapp build (H5 uses its own origin). */
    TARO_APP_API_BASE?: string
  }
}
