import { internalComponents } from '@tarojs/shared'
import { patchViewAttributes } from './weapp-view-attributes'

// WeChat only: Taro's table of component attributes, changed exactly as the build changed the
// templates (config/weapp-templates.ts), before the first page renders (app.tsx imports this
// first). The H5 build has no templates: lib/weapp-templates.ts is empty.
patchViewAttributes(internalComponents as Parameters<typeof patchViewAttributes>[0])
