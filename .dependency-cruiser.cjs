/**
 * The layer rules (issue 24, item 1): the core decides, adapters translate, the store and the
 * knowledge loader do I/O, and imports only run that way. test/architecture/layers.test.ts runs
 * them in `npm test` (through the cruiser's API) and plants violations to see them fail; by hand:
 * `npx depcruise src`.
 */

/** Node modules that do I/O: the core computes, it neither reads, listens nor spawns. */
const NODE_IO = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises', 'child_process', 'cluster', 'worker_threads', 'readline', 'readline/promises', 'repl', 'inspector'];

/**
 * Known exceptions to "the core imports nothing from src/knowledge", as they stand until the
 * `Knowledge` model moves into core (issue 24, item 1): these core files, and only these, may
 * import types (never values) from knowledge.ts and schema.ts. Shrink this list; never grow it.
 */
const KNOWLEDGE_TYPE_IMPORTERS = [
  'src/core/checklists.ts',
  'src/core/context.ts',
  'src/core/digest.ts',
  'src/core/directory/answer.ts',
  'src/core/directory/areaIndex.ts',
  'src/core/directory/card.ts',
  'src/core/directory/functionIndex.ts',
  'src/core/directory/holders.ts',
  'src/core/directory/lookup.ts',
  'src/core/directory/overlay.ts',
  'src/core/directory/role.ts',
  'src/core/directory/statement.ts',
  'src/core/directory/upkeep.ts',
  'src/core/gaps.ts',
  'src/core/guidance/answer.ts',
  'src/core/guidance/direction.ts',
  'src/core/guidance/guidanceIndex.ts',
  'src/core/guidance/search.ts',
  'src/core/guidance/situations.ts',
  'src/core/hours.ts',
  'src/core/motpart.ts',
  'src/core/report.ts',
  'src/core/router.ts',
];

const exactly = (paths) => `^(${paths.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-adapters',
      comment: 'The core knows no chat platform: adapters call the core, never the other way.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'core-no-platform-sdks',
      comment: 'No Slack or Bot Framework SDK in the core: platform shapes belong to the adapters.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '(^|/node_modules/)(@slack/|botbuilder|botframework-|@microsoft/)' },
    },
    {
      name: 'core-no-store-implementation',
      comment: 'The core uses the store through the ports (src/core/ports.ts), not an implementation.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'core-no-node-io',
      comment: 'The core does no I/O: files, sockets and processes are for the store, the loader and the adapters.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${NODE_IO.join('|')})$` },
    },
    {
      name: 'core-no-knowledge',
      comment: 'The core imports nothing from src/knowledge (the I/O package), apart from the known exceptions below.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: exactly(KNOWLEDGE_TYPE_IMPORTERS) },
      to: { path: '^src/knowledge/' },
    },
    {
      name: 'core-no-knowledge-known-exceptions',
      comment: 'The known exceptions may import types from knowledge.ts and schema.ts, nothing else from src/knowledge.',
      severity: 'error',
      from: { path: exactly(KNOWLEDGE_TYPE_IMPORTERS) },
      to: { path: '^src/knowledge/', pathNot: '^src/knowledge/(knowledge|schema)\\.ts$' },
    },
    {
      name: 'core-no-knowledge-values',
      comment: 'Type-only: a value import from src/knowledge would run the I/O package inside the core.',
      severity: 'error',
      from: { path: exactly(KNOWLEDGE_TYPE_IMPORTERS) },
      to: { path: '^src/knowledge/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'adapters-no-store-implementation',
      comment: 'Adapters reach the store only through the core and its ports (src/core/ports.ts).',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'only-entry-points-import-app',
      comment: 'src/app.ts wires everything together; only the entry points (src/main.ts, src/cli/main.ts and their shared start-up, src/cli/runtime.ts) import it.',
      severity: 'error',
      from: { pathNot: exactly(['src/main.ts', 'src/cli/main.ts', 'src/cli/runtime.ts']) },
      to: { path: '^src/app\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // `import type` counts: the rules are about what a layer may know, not only what it runs.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
