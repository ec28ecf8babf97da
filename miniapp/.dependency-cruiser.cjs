// Which way the mini-program's imports go (docs/architecture.md, "Mini-program"); checked by
// `npm run check:deps` (with the worker's rules), part of `npm test`. Type-only imports count too.
//
// Layers, lowest first; a layer imports only the ones before it:
//   auth (the session: token and cached /api/me)
//   ← api (the one HTTP client over Taro.request; types shared by all domains)
//   ← lib (navigation, formatting, hooks) ← components (shared UI)
//   ← packages/<domain> (a domain's pages, components, api calls and logic, named as the worker's)
//   ← pages (the tab pages) and app.tsx.
// Domains import each other only downwards in DOMAINS: the first may use all the others, the
// last (the "who and where" the worker also puts at the bottom) none. Adding a domain means
// placing it in this list.
const DOMAINS = [
  'ideas', // old address of the 金点子 page: redirects to suggestions
  'booking', // old address of 我的预约 (printed door signs): redirects to bookings
  'audit',
  'moderation', // 内容审核 and the street's word list: uses the workbench's gate and 金点子's forms
  'grid', // 楼组长 / 网格员 pages and the staff's 网格与楼组: uses the workbench's gate, 代办, 金点子
  'staff', // identity's 居委会 workbench (its own subpackage, so residents never download it)
  'acting', // 代办 for a resident: uses 金点子, meetings, bookings, conventions as her (decision 019)
  'transparency', // the public 三率 pages and the register: link to 金点子, meetings, 微规约
  'inbox',
  'suggestions',
  'meetings',
  'conventions',
  'bookings',
  'identity',
  'places',
]
const SRC = '^miniapp/src/'
const LAYERS = ['auth', 'api', 'lib', 'components', 'packages', 'pages']
const alt = (names) => `(${names.join('|')})`

module.exports = {
  forbidden: [
    {
      name: 'miniapp-no-circular',
      severity: 'error',
      comment: 'No module of the mini-program imports itself back, even through types.',
      from: { path: SRC },
      to: { circular: true },
    },
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `miniapp-${layer}-imports-downwards`,
      severity: 'error',
      comment: `${layer}/ may import only ${LAYERS.slice(0, i).join(', ') || 'nothing of the app'}: never ${LAYERS.slice(i + 1).join(', ')}, nor app.tsx.`,
      from: { path: `${SRC}${layer}/` },
      to: { path: `${SRC}(${alt(LAYERS.slice(i + 1))}/|app\\.)` },
    })),
    ...DOMAINS.slice(1).map((domain, i) => ({
      name: `miniapp-domain-${domain}-imports-downwards`,
      severity: 'error',
      comment: `packages/${domain} may import only the domains after it in DOMAINS, not ${DOMAINS.slice(0, i + 1).join(', ')}.`,
      from: { path: `${SRC}packages/${domain}/` },
      to: { path: `${SRC}packages/${alt(DOMAINS.slice(0, i + 1))}/` },
    })),
    {
      name: 'miniapp-domains-listed',
      severity: 'error',
      comment:
        'Every folder in packages/ is a domain placed in DOMAINS (miniapp/.dependency-cruiser.cjs).',
      from: { path: `${SRC}packages/` },
      to: { path: `${SRC}packages/(?!${alt(DOMAINS)}/)` },
    },
    {
      name: 'miniapp-worker-types-only',
      severity: 'error',
      comment:
        'The worker is imported for its types only (erased by Babel), never its code — except its label tables (worker/<domain>/labels.ts), plain data the mini-program shows as they are.',
      from: { path: SRC },
      to: {
        path: '^worker/',
        pathNot: '^worker/[a-z-]+/labels[.]ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    doNotFollow: { path: ['node_modules', '^worker/'] },
    exclude: { path: ['^miniapp/dist/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.d.ts', '.js', '.scss'] },
  },
}
