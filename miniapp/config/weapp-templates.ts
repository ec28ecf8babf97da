import path from 'node:path'
import { createSwcRegister } from '@tarojs/helper'
import type { IPluginContext } from '@tarojs/service'

// A Taro plugin: the weapp templates (base.wxml) carry aria-* on <view> and <image>, and not the
// <view> attributes no page uses (src/lib/weapp-view-attributes.ts says why; decision 023).

const LIST = path.resolve(__dirname, '../src/lib/weapp-view-attributes.ts')
// Taro compiles the plugin file alone; the list it shares with the app's runtime is TypeScript too.
createSwcRegister({ only: [LIST] })
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { patchViewAttributes } = require(LIST) as typeof import('../src/lib/weapp-view-attributes')

type MiniComponents = Record<string, unknown>
type Platform = {
  template?: {
    internalComponents?: Parameters<typeof patchViewAttributes>[0]
    createMiniComponents?: (components: unknown) => MiniComponents
  }
}

export default (ctx: IPluginContext) => {
  // Called by the platform right before it builds, after it has set up its own component list.
  ctx.registerMethod('onBuildInit', (platform: Platform) => {
    const template = platform.template
    if (!template?.internalComponents || !template.createMiniComponents) return
    patchViewAttributes(template.internalComponents)
    // `catch-view` is a <view> that catches touchmove, written only for a prop no page sets
    // (catchMove); with the touch attributes gone it is a copy of <view>: 15 templates, 6 KB of
    // the main package. Its number stays in Taro's table, so no other template moves.
    const create = template.createMiniComponents.bind(template)
    template.createMiniComponents = (components) => {
      const result = create(components)
      delete result['catch-view']
      return result
    }
  })
}
