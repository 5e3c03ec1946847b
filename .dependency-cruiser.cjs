/**
 * The layer rules (issue 24, item 1): the core decides, adapters translate, the store and the
 * knowledge loader do I/O, and imports only run that way. test/architecture/layers.test.ts runs
 * them in `npm test` (through the cruiser's API) and plants violations to see them fail; by hand:
 * `npx depcruise src`.
 */

/** Node modules that do I/O: the core computes, it neither reads, listens nor spawns. */
const NODE_IO = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises', 'child_process', 'cluster', 'worker_threads', 'readline', 'readline/promises', 'repl', 'inspector'];

const exactly = (paths) => `^(${paths.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

/** A forbidden import: modules matching `from` may not import modules matching `to`; every rule is an error. */
const forbid = (name, from, to, comment) => ({ name, comment, severity: 'error', from, to });

const CORE = { path: '^src/core/' };
const ADAPTERS = { path: '^src/adapters/' };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid('core-no-adapters', CORE, { path: '^src/adapters/' }, 'The core knows no chat platform: adapters call the core, never the other way.'),
    forbid('core-no-platform-sdks', CORE, { path: '(^|/node_modules/)(@slack/|botbuilder|botframework-|@microsoft/)' }, 'No Slack or Bot Framework SDK in the core: platform shapes belong to the adapters.'),
    forbid('core-no-store-implementation', CORE, { path: '^src/store/' }, 'The core uses the store through the ports (src/core/ports.ts), not an implementation.'),
    forbid('core-no-node-io', CORE, { dependencyTypes: ['core'], path: `^(node:)?(${NODE_IO.join('|')})$` }, 'The core does no I/O: files, sockets and processes are for the store, the loader and the adapters.'),
    forbid(
      'core-no-knowledge',
      CORE,
      { path: '^src/knowledge/' },
      "The core imports nothing from src/knowledge (the I/O package), not even a type: the Knowledge model and the file schema are the core's own (src/core/knowledge), which src/knowledge reads files into.",
    ),
    forbid('adapters-no-store-implementation', ADAPTERS, { path: '^src/store/' }, 'Adapters reach the store only through the core and its ports (src/core/ports.ts).'),
    forbid(
      'adapters-no-knowledge',
      ADAPTERS,
      { path: '^src/(core/)?knowledge/' },
      'Adapters ask the core (src/core/motpart.ts, e.g. its choices() for the App Home), never the knowledge model or its loader: how the knowledge is indexed can change under them.',
    ),
    forbid(
      'only-entry-points-import-app',
      { pathNot: exactly(['src/main.ts', 'src/cli/main.ts', 'src/cli/runtime.ts']) },
      { path: '^src/app\\.ts$' },
      'src/app.ts wires everything together; only the entry points (src/main.ts, src/cli/main.ts and their shared start-up, src/cli/runtime.ts) import it.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // `import type` counts: the rules are about what a layer may know, not only what it runs.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
