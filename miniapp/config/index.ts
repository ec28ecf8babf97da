import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// Written by hand: `taro init` cannot fetch its templates on these machines.
// Run the CLI with miniapp/ as the working directory (see the root package.json scripts);
// each platform builds into its own folder: dist/weapp (WeChat DevTools) and dist/h5
// (served by the worker as static assets, same origin as /api).

/** The worker files the mini-program's code may import as values (see `alias` below). */
const WORKER_LABEL_TABLES = (file: string) => /[\\/]worker[\\/][a-z-]+[\\/]labels\.ts$/.test(file)

export default defineConfig<'webpack5'>((merge, { mode }) => {
  const platform = process.env.TARO_ENV ?? 'weapp'
  const isProduction = mode === 'production' || process.env.NODE_ENV === 'production'

  const config: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    // weapp: aria-* on <view> and <image> in WeChat's templates (weapp-templates.ts).
    plugins: [path.resolve(__dirname, 'weapp-templates.ts')],
    defineConstants: {},
    // Only the weapp build reads it (the H5 build talks to its own origin). A `.env` file in
    // miniapp/ with TARO_APP_API_BASE=… overrides the shell value.
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:8787'),
    },
    // `@/` is miniapp/src; `@worker/` is imported as types (erased by Babel), except the worker's
    // label tables (`worker/<domain>/labels.ts`: plain data, type-only imports), which the
    // mini-program shows as they are instead of keeping a copy (compiled through `compile.include`).
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@worker': path.resolve(__dirname, '..', '..', 'worker'),
    },
    // The browser asks every page for /favicon.ico; without one it answers 404 (issue 17).
    copy: {
      patterns:
        platform === 'h5' ? [{ from: 'src/favicon.ico', to: `dist/${platform}/favicon.ico` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Taro's terser writes every Chinese character as \uXXXX (6 bytes, 3 in UTF-8). WeChat
    // requires UTF-8 code files anyway, so plain text is safe; it saves 7 KB of the main
    // package's 400 KB budget (decision 009).
    terser: {
      enable: true,
      config: {
        output: { ascii_only: false },
        // Terser's own defaults, which Taro switches off (to build faster): variables and small
        // functions are inlined and folded. 3.0 KB less main package, paid for the 首页's to-dos
        // (issue 12, decision 014). `comparisons` stays off and `inline` at 2, as in
        // create-react-app's production config (terser issue #120); output stays ES5.
        compress: {
          reduce_vars: true,
          collapse_vars: true,
          inline: 2,
          hoist_props: true,
          computed_props: true,
          properties: true,
          switches: true,
          typeofs: true,
          loops: true,
          reduce_funcs: true,
        },
      },
    },
    cache: { enable: false },
    mini: {
      compile: { include: [WORKER_LABEL_TABLES] },
      // The main package must stay small: shared code used by one subpackage only goes there.
      optimizeMainPackage: { enable: true },
      // Not minifyXML: its html-minifier drops `</input>` as if WXML were HTML, and wcc then
      // refuses base.wxml (`npm run test:weapp` caught it). Its gain was 1.7 KB.
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      compile: { include: [WORKER_LABEL_TABLES] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
      devServer: { port: 10086 },
      // Taro splits only initial chunks, so every lazily loaded page carried its own copy of
      // @tarojs/components-react (~60 KB each); sharing async chunks too removes the copies.
      webpackChain(chain) {
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
      },
    },
  }

  if (isProduction) return merge({}, config, { mini: {}, h5: {} })
  return merge({}, config, {
    h5: { devServer: { proxy: [{ context: ['/api'], target: 'http://127.0.0.1:8787' }] } },
  })
})
