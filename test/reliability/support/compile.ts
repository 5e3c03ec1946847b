/**
 * Compiles entry files and what they import with tsc, once per test file, so the reliability tests
 * run the real code as a separate node process (that can be killed, or fail to start) without
 * depending on a `dist/` someone may not have rebuilt.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Returns the path of each entry's compiled .js file, in the same order. */
export async function compile(name: string, entries: string[]): Promise<string[]> {
  const outDir = path.join(root, 'test-artifacts', name);
  await rm(outDir, { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['--outDir', outDir, '--rootDir', root, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022'];
  args.push('--lib', 'ES2023', '--skipLibCheck', '--types', 'node', '--strict', '--esModuleInterop', '--resolveJsonModule', ...entries.map((e) => path.join(root, e)));
  // Type errors are the typecheck's to report (npm test runs it first); here only the emitted files matter.
  await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: root }).catch(() => undefined);
  const outputs = entries.map((e) => path.join(outDir, e.replace(/\.ts$/, '.js')));
  for (const out of outputs) if (!existsSync(out)) throw new Error(`compiling for the test failed: ${out} missing`);
  return outputs;
}

/**
 * For a test file: compiles `entries` once before its tests and makes a temporary directory for
 * them, removed after the file. Returns the compiled first entry (the script the tests run) and the
 * directory.
 */
export function compiledWithTempDir(name: string, entries: string[], tempPrefix: string): { script: () => string; dir: () => string } {
  let script: string | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    [script] = (await compile(name, entries)) as [string];
    dir = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return { script: () => script!, dir: () => dir! };
}
