// WeChat's own WXML (wcc) and WXSS (wcsc) compilers, run on the whole build at once as
// DevTools does: a template imports others and a stylesheet @imports others, so a file on its
// own proves nothing. The arguments follow miniprogram-compiler's wrapper
// (node_modules/miniprogram-compiler/src/wcc.js and wcsc.js), which WeChat publishes for
// miniprogram-simulate; Taro's webpack runner already installs it.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

const require = createRequire(import.meta.url)
const BIN_DIRS = { linux: 'linux', darwin: 'mac', win32: 'windows' }

/** wcc and wcsc, copied out of node_modules so they can be made executable (npm ships them 0644). */
function binaries() {
  const dir = BIN_DIRS[process.platform]
  if (!dir) throw new Error(`WeChat's compilers have no build for ${process.platform}`)
  const source = path.join(
    path.dirname(require.resolve('miniprogram-compiler/package.json')),
    'bin',
    dir,
  )
  const target = mkdtempSync(path.join(tmpdir(), 'linli-wx-'))
  const ext = process.platform === 'win32' ? '.exe' : ''
  const out = { dir: target }
  for (const name of ['wcc', 'wcsc']) {
    out[name] = path.join(target, name + ext)
    copyFileSync(path.join(source, name + ext), out[name])
    chmodSync(out[name], 0o755)
  }
  return out
}

/** Files under `root` ending in `ext`, as sorted forward-slash paths relative to it. */
export function filesOf(root, ext) {
  const out = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith(ext))
        out.push(path.relative(root, full).split(path.sep).join('/'))
    }
  }
  walk(root)
  return out.sort()
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

/**
 * The `-cc` argument: how many templates use custom components, then for each its path, the
 * number of components and their tag names (what lets wcc check `<comp>` in base.wxml).
 */
export function componentArgs(root, wxmlFiles) {
  const users = []
  for (const file of wxmlFiles) {
    const tags = Object.keys(
      readJson(path.join(root, file.replace(/\.wxml$/, '.json')))?.usingComponents ?? {},
    )
    if (tags.length > 0) users.push([file, tags.length, ...tags].join(' '))
  }
  return [users.length, ...users].join(' ')
}

/** Compiles every .wxml (with every .wxs) in one wcc run; `ok` is wcc's own verdict. */
export function compileWxml(root, bin) {
  const wxml = filesOf(root, '.wxml')
  const args = [
    '-d',
    '-cc',
    componentArgs(root, wxml),
    ...wxml,
    ...filesOf(root, '.wxs'),
    '-gn',
    '$gwx',
  ]
  const run = spawnSync(bin, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })
  return {
    ok: run.status === 0 && !run.error,
    files: wxml.length,
    message: run.error?.message ?? run.stderr.toString().trim(),
  }
}

/**
 * Compiles every .wxss in one wcsc run. Like the wrapper, the stylesheets of pages and
 * components (those with a .json beside them) come first and `-pc` says how many they are.
 */
export function compileWxss(root, bin) {
  const all = filesOf(root, '.wxss')
  const own = all.filter((file) => existsSync(path.join(root, file.replace(/\.wxss$/, '.json'))))
  const shared = all.filter((file) => !own.includes(file))
  const run = spawnSync(bin, ['-db', '-pc', String(own.length), ...own, ...shared], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  })
  const message =
    run.error?.message ??
    `${run.stderr.toString()}${run.status === 0 ? '' : run.stdout.toString()}`.trim()
  return { ok: run.status === 0 && !run.error, files: all.length, message }
}

export function compileAll(root) {
  const bin = binaries()
  try {
    return { wxml: compileWxml(root, bin.wcc), wxss: compileWxss(root, bin.wcsc) }
  } finally {
    rmSync(bin.dir, { recursive: true, force: true })
  }
}
