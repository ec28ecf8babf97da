// Browser-only globals in the mini-program's source. Nothing runs the weapp here, and the H5
// build happily runs code that WeChat cannot: there `localStorage` does not exist, and
// `window`, `document`, `location`, `navigator` are Taro's stand-ins (webpack provides them),
// which have no print(), no real <a download>, no origin. Such code belongs in an H5-only file
// (`*.h5.ts`, as auth/login.h5.ts) or under an H5 test:
//   `if (isH5) …`, `isH5 ? … : …`, `isH5 && …`, with `const isH5 = process.env.TARO_ENV === 'h5'`
// (Taro replaces TARO_ENV at build time), or in a function that is only called that way.
// Taro's own runtime is not scanned: it is written for both platforms.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { filesOf } from './compilers.mjs'

export const BROWSER_GLOBALS = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'location',
  'navigator',
]

const isTaroEnv = (node) => node.getText() === 'process.env.TARO_ENV'

/** +1: the expression is true only on H5; -1: only off H5; 0: neither. */
function h5Sense(node, h5Names) {
  if (ts.isParenthesizedExpression(node)) return h5Sense(node.expression, h5Names)
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)
    return -h5Sense(node.operand, h5Names)
  if (ts.isIdentifier(node)) return h5Names.has(node.text) ? 1 : 0
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind
    const equal =
      op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken
    const unequal =
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken
    if (!equal && !unequal) return 0
    const [env, other] = isTaroEnv(node.left)
      ? [node.left, node.right]
      : isTaroEnv(node.right)
        ? [node.right, node.left]
        : []
    if (!env || !ts.isStringLiteral(other)) return 0
    // Taro builds this project for 'h5' and 'weapp' only, so `!== 'weapp'` means H5 too.
    if (other.text === 'h5') return equal ? 1 : -1
    if (other.text === 'weapp') return equal ? -1 : 1
    return equal ? -1 : 0
  }
  return 0
}

/** Scans one file; returns the unguarded references as { line, column, name }. */
export function scanSource(fileName, text) {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  const h5Names = new Set()
  const declared = new Set()
  const functions = new Map() // name → declaration node
  const references = new Map() // name → identifier nodes that use it
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      if (h5Sense(node.initializer, h5Names) === 1) h5Names.add(node.name.text)
      if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
        functions.set(node.name.text, node.initializer)
    }
    if (ts.isFunctionDeclaration(node) && node.name) functions.set(node.name.text, node)
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) &&
      ts.isIdentifier(node.name)
    )
      declared.add(node.name.text)
    if (ts.isIdentifier(node) && isReference(node)) {
      if (!references.has(node.text)) references.set(node.text, [])
      references.get(node.text).push(node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)

  const guardedFunctions = new Map()
  const guarded = (node) => {
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        const sense = h5Sense(parent.expression, h5Names)
        if (
          (sense === 1 && child === parent.thenStatement) ||
          (sense === -1 && child === parent.elseStatement)
        )
          return true
      }
      if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        const sense = h5Sense(parent.condition, h5Names)
        if (
          (sense === 1 && child === parent.whenTrue) ||
          (sense === -1 && child === parent.whenFalse)
        )
          return true
      }
      if (
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
        child === parent.right
      ) {
        if (h5Sense(parent.left, h5Names) === 1) return true
      }
      const name = [...functions].find(([, declaration]) => declaration === parent)?.[0]
      if (name) return functionIsH5Only(name)
    }
    return false
  }
  // A function called only under H5 tests is H5-only itself (csv-export's saveOnH5).
  const functionIsH5Only = (name) => {
    if (!guardedFunctions.has(name)) {
      guardedFunctions.set(name, false) // recursion guard
      const calls = references.get(name) ?? []
      guardedFunctions.set(name, calls.length > 0 && calls.every(guarded))
    }
    return guardedFunctions.get(name)
  }

  const found = []
  for (const name of BROWSER_GLOBALS) {
    // A file's own `location` (a map point, say) is not the browser's.
    if (declared.has(name)) continue
    for (const node of references.get(name) ?? []) {
      if (guarded(node)) continue
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart())
      found.push({ line: line + 1, column: character + 1, name })
    }
  }
  return found
}

/** Whether an identifier names a value being used (not a property, a key, a type, a declaration). */
function isReference(node) {
  const parent = node.parent
  if (!parent) return false
  if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && parent.name === node)
    return false
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodDeclaration(parent)) &&
    parent.name === node
  )
    return false
  if (ts.isShorthandPropertyAssignment(parent)) return true
  if (
    ts.isJsxAttribute(parent) ||
    ts.isTypeReferenceNode(parent) ||
    ts.isImportSpecifier(parent) ||
    ts.isExportSpecifier(parent)
  )
    return false
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isBindingElement(parent) ||
      ts.isFunctionDeclaration(parent)) &&
    parent.name === node
  )
    return false
  return true
}

/** Every .ts/.tsx under `srcDir` that can end up in the weapp build (not *.h5.*, not *.d.ts). */
export function scanSources(srcDir) {
  const files = [...filesOf(srcDir, '.ts'), ...filesOf(srcDir, '.tsx')].filter(
    (file) => !/\.h5\.tsx?$/.test(file) && !file.endsWith('.d.ts'),
  )
  const found = []
  for (const file of files) {
    for (const hit of scanSource(file, readFileSync(path.join(srcDir, file), 'utf8')))
      found.push({ file, ...hit })
  }
  return { files: files.length, found }
}
