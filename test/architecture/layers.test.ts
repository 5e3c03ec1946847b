/**
 * The layer rules in .dependency-cruiser.cjs, run in `npm test` through dependency-cruiser's API:
 * the source tree holds them, and violations planted in a scratch tree make them fail.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;
const tsConfig = extractTSConfig(path.join(root, 'tsconfig.json'));

/** Every broken rule under `baseDir`'s src/, as "rule: from → to", sorted. */
async function violations(baseDir: string): Promise<string[]> {
  const result = await cruise(
    ['src'],
    {
      ...config.options,
      // Module names relative to baseDir, as the rules' paths assume.
      baseDir,
      tsConfig: { fileName: path.join(root, 'tsconfig.json') },
      ruleSet: { forbidden: config.forbidden ?? [] },
      validate: true,
    },
    undefined,
    { tsConfig },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('layer rules', () => {
  let scratch: string | undefined;
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('hold in the source tree', async () => {
    expect(await violations(root)).toEqual([]);
  }, 60_000);

  it('fail on violations planted in a scratch tree', async () => {
    // Under the repository, so that packages such as @slack/bolt resolve from its node_modules.
    await mkdir(path.join(root, 'test-artifacts'), { recursive: true });
    scratch = await mkdtemp(path.join(root, 'test-artifacts', 'layers-'));
    const files: Record<string, string> = {
      'src/app.ts': 'export const app = 1;\n',
      'src/store/sqlite.ts': 'export const store = 1;\n',
      'src/knowledge/knowledge.ts': 'export interface Knowledge { n: number }\nexport const loadKnowledge = () => 1;\n',
      'src/knowledge/loader.ts': 'export type Loaded = 1;\n',
      'src/adapters/slack/thing.ts': "import { store } from '../../store/sqlite.js';\nexport const thing = store;\n",
      'src/adapters/teams/bot.ts': "import { app } from '../../app.js';\nimport type { Knowledge } from '../../core/knowledge/knowledge.js';\nexport const bot: Knowledge = app;\n",
      // A new core file: none of these imports is allowed, a type from knowledge.ts included.
      'src/core/planted.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { createServer } from 'net';",
        "import type { App } from '@slack/bolt';",
        "import { thing } from '../adapters/slack/thing.js';",
        "import { store } from '../store/sqlite.js';",
        "import type { Knowledge } from '../knowledge/knowledge.js';",
        'export const planted = [readFileSync, createServer, thing, store] as unknown as [App, Knowledge];',
        '',
      ].join('\n'),
      // The core's own knowledge model may not reach back into the loader either.
      'src/core/knowledge/knowledge.ts': "import { loadKnowledge } from '../../knowledge/knowledge.js';\nexport const knowledge = loadKnowledge;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(scratch, file)), { recursive: true });
      await writeFile(path.join(scratch, file), text);
    }
    const found = await violations(scratch);
    const slack = found.find((v) => v.startsWith('core-no-platform-sdks: src/core/planted.ts → '));
    expect(slack, found.join('\n')).toMatch(/@slack\/bolt/);
    expect(found.filter((v) => v !== slack)).toEqual(
      [
        'adapters-no-store-implementation: src/adapters/slack/thing.ts → src/store/sqlite.ts',
        'adapters-no-knowledge: src/adapters/teams/bot.ts → src/core/knowledge/knowledge.ts',
        'core-no-adapters: src/core/planted.ts → src/adapters/slack/thing.ts',
        'core-no-knowledge: src/core/planted.ts → src/knowledge/knowledge.ts',
        'core-no-knowledge: src/core/knowledge/knowledge.ts → src/knowledge/knowledge.ts',
        'core-no-node-io: src/core/planted.ts → fs',
        'core-no-node-io: src/core/planted.ts → net',
        'core-no-store-implementation: src/core/planted.ts → src/store/sqlite.ts',
        'only-entry-points-import-app: src/adapters/teams/bot.ts → src/app.ts',
      ].sort(),
    );
  }, 60_000);
});
