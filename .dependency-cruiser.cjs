// The worker's architecture, checked by `npm run check:deps` (part of `npm test`).
// Read it top to bottom: it is docs/architecture.md ("Layers") as rules.
//
//   lib                      errors, db, env, auth, router, photos, audit, personal-data type
//    ↑
//   identity · places        who and where (import lib, and each other)
//    ↑
//   inbox                    telling people; every domain may call inbox/notify.ts (identity too:
//                            notify.ts itself imports only lib and inbox/topics.ts)
//    ↑
//   suggestions · conventions · bookings · moderation      the domains
//    ↑
//   meetings                 may call suggestions, conventions and bookings — never the reverse
//    ↑
//   transparency             the public figures and the register: reads suggestions, conventions
//                            and meetings (through their public.ts), tells people through inbox
//   audit                    the 操作记录 in words: reads every domain's public.ts for names of
//                            statuses and types (each domain writes its rows with lib/audit.ts)
//   grid                     楼组长 / 网格员 / staff views of the 网格 and 楼组 (decision 018): reads
//                            identity, places, and 金点子 and 微规约 through their public.ts
//    ↑
//   privacy · home · codes · app.ts · index.ts · jobs.ts     integrators: the only code that
//                            imports everything (home: the 首页's to-dos, each domain's to-dos.ts;
//                            codes: the 小程序码 of alleys, meetings and conventions)
//    ↑
//   server/                  the Node entry (issue 14): the app, the jobs and lib on Node; like
//                            index.ts it wires things together, and nothing in worker/ or db/
//                            imports it (routes, services and SQL do not know the runtime)
//
// A domain reaches another domain only through that domain's public.ts (its functions and
// statement builders; it never writes another domain's tables itself). db/ imports only lib.
// Tests are not checked: they may import anything.

const DOMAINS = 'suggestions|conventions|bookings|meetings|inbox|audit|transparency|moderation'
const FOLDERS = `lib|identity|places|privacy|home|codes|grid|${DOMAINS}`

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles, between folders or files: each layer builds on the ones below it only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'every-folder-has-a-layer',
      severity: 'error',
      comment: `A new folder under worker/ must be given its place in ${'.dependency-cruiser.cjs'} (FOLDERS and the rules below) before it can import anything.`,
      from: { path: '^worker/[^/]+/', pathNot: `^worker/(${FOLDERS})/` },
      to: {},
    },
    {
      name: 'lib-imports-no-domain',
      severity: 'error',
      comment: 'worker/lib is the base every layer uses; it imports only lib and db/schema.',
      from: { path: '^worker/lib/' },
      to: { path: '^worker/', pathNot: '^worker/lib/' },
    },
    {
      name: 'db-imports-only-lib',
      severity: 'error',
      comment: 'db/ (schema, seed) may use lib helpers, never a domain.',
      from: { path: '^db/' },
      to: { path: '^worker/', pathNot: '^worker/lib/' },
    },
    {
      name: 'who-and-where-import-only-lib',
      severity: 'error',
      comment:
        'identity and places are who and where: every domain builds on them, so they import no domain — except inbox/notify.ts, which imports only lib, so that a residency decision tells the person in its own batch (decision 014).',
      from: { path: '^worker/(identity|places)/' },
      to: {
        path: '^worker/',
        pathNot: ['^worker/(lib|identity|places)/', '^worker/inbox/notify\\.ts$'],
      },
    },
    {
      name: 'domains-meet-through-public',
      severity: 'error',
      comment:
        'A domain uses another domain only through its public.ts (and inbox through inbox/notify.ts), never its internals or tables.',
      from: { path: `^worker/(${DOMAINS})/` },
      to: {
        path: `^worker/(${DOMAINS})/`,
        pathNot: ['^worker/$1/', `^worker/(${DOMAINS})/public\\.ts$`, '^worker/inbox/notify\\.ts$'],
      },
    },
    {
      name: 'inbox-calls-no-domain',
      severity: 'error',
      comment: 'Every domain tells people through inbox, so inbox imports no domain.',
      from: { path: '^worker/inbox/' },
      to: { path: `^worker/(${DOMAINS})/`, pathNot: '^worker/inbox/' },
    },
    {
      name: 'domains-call-only-inbox',
      severity: 'error',
      comment:
        'suggestions, conventions, bookings and moderation are peers: each may call inbox, none another domain.',
      from: { path: '^worker/(suggestions|conventions|bookings|moderation)/' },
      to: { path: `^worker/(${DOMAINS})/`, pathNot: ['^worker/$1/', '^worker/inbox/'] },
    },
    {
      name: 'nothing-below-imports-audit',
      severity: 'error',
      comment:
        'audit reads the domains to put the 操作记录 into words; domains write their rows with lib/audit.ts and never import worker/audit (only app.ts and privacy do).',
      from: { path: '^(worker|db)/', pathNot: '^worker/(audit/|privacy/|app\\.ts$)' },
      to: { path: '^worker/audit/' },
    },
    {
      name: 'meetings-calls-downward',
      severity: 'error',
      comment:
        'meetings puts suggestions, conventions and rooms on its agenda: it may call them (and inbox), not audit.',
      from: { path: '^worker/meetings/' },
      to: { path: '^worker/audit/' },
    },
    {
      name: 'transparency-reads-downward',
      comment:
        'transparency sits above meetings: it reads suggestions, conventions and meetings (their public.ts) and tells people through inbox; it has no business with rooms or the audit log.',
      severity: 'error',
      from: { path: '^worker/transparency/' },
      to: { path: '^worker/(bookings|audit)/' },
    },
    {
      name: 'nothing-below-imports-transparency',
      severity: 'error',
      comment:
        'transparency is the top domain layer: only the integrators (privacy, app.ts, index.ts, jobs.ts) import it.',
      from: {
        path: '^(worker|db)/',
        pathNot: '^worker/(transparency/|privacy/|app\\.ts$|index\\.ts$|jobs\\.ts$)',
      },
      to: { path: '^worker/transparency/' },
    },
    {
      name: 'grid-reads-through-public',
      severity: 'error',
      comment:
        'grid (decision 018) shows the 楼组 and 网格 to those who look after them: it reads identity and places, and 金点子 and 微规约 only through their public.ts; it has no business with rooms, meetings, the audit log or transparency.',
      from: { path: '^worker/grid/' },
      to: {
        path: `^worker/(${DOMAINS})/`,
        pathNot: '^worker/(suggestions|conventions)/public\\.ts$',
      },
    },
    {
      name: 'nothing-below-imports-grid',
      severity: 'error',
      comment: 'grid sits beside transparency: only the integrators (app.ts) import it.',
      from: { path: '^(worker|db)/', pathNot: '^worker/(grid/|app\\.ts$)' },
      to: { path: '^worker/grid/' },
    },
    {
      name: 'only-integrators-import-integrators',
      severity: 'error',
      comment:
        'privacy, home, codes, app.ts, index.ts and jobs.ts wire the domains together; nothing below them imports them.',
      from: {
        path: '^(worker|db)/',
        pathNot: '^worker/(privacy/|home/|codes/|app\\.ts$|index\\.ts$|jobs\\.ts$)',
      },
      to: { path: '^worker/(privacy/|home/|codes/|app\\.ts$|index\\.ts$|jobs\\.ts$)' },
    },
    {
      name: 'personal-data-only-in-the-registry',
      severity: 'error',
      comment:
        "A domain's personal-data.ts is read by worker/privacy/registry.ts only (PIPL export and deletion).",
      from: { pathNot: '^worker/privacy/registry\\.ts$' },
      to: { path: '^worker/[^/]+/personal-data\\.ts$', pathNot: '^worker/lib/' },
    },
    {
      name: 'label-tables-are-plain-data',
      severity: 'error',
      comment:
        'worker/<domain>/labels.ts is compiled into the mini-program as well (miniapp/config/index.ts): it imports types only, so no worker code follows it there.',
      from: { path: '^worker/[^/]+/labels\\.ts$' },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'worker-stays-in-worker',
      severity: 'error',
      comment:
        'The worker and db do not import the mini-program, scripts, tests or the Node entry (server/): the runtime is chosen at the edge.',
      from: { path: '^(worker|db)/' },
      to: { path: '^(miniapp|scripts|tests|server)/' },
    },
    {
      name: 'server-is-an-entry',
      severity: 'error',
      comment:
        'server/ (the Node entry) may use the app, the jobs, lib and db, never the mini-program, scripts or tests.',
      from: { path: '^server/' },
      to: { path: '^(miniapp|scripts|tests)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo would otherwise hide a dependency from these rules).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^db/migrations/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.mts', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
}
