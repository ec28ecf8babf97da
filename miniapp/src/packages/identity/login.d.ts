// Declares what both platform files export; Taro picks login.weapp.ts or login.h5.ts at build
// time, and TypeScript checks each of them against the same names.
import type { DevUser, Me } from '@/api/types'

export type LoginChoices =
  { kind: 'wechat' } | { kind: 'dev'; users: DevUser[] } | { kind: 'unavailable'; reason: string }

export declare function loadLoginChoices(): Promise<LoginChoices>

/** Signs in (WeChat on weapp; the picked demo user on H5) and returns the fresh /api/me. */
export declare function login(devUserKey?: string): Promise<Me>
