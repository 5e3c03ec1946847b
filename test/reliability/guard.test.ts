/**
 * Issue 20, failure 2, the last line of defence: a rejection nobody handles, started by one
 * request, must not end the process. Node exits on an unhandled rejection, so this runs in a real
 * child process (the server module compiled with tsc), whose route starts work that rejects with
 * nobody waiting for it, the way Bolt's receiver did with a `null` body.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = path.resolve('.');
const build = path.join(root, 'test-artifacts', 'guard-build');
const serverModule = path.join(build, 'src', 'server.js');
let dir: string;

beforeAll(async () => {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['--outDir', build, '--rootDir', root, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--types', 'node', '--strict', path.join(root, 'src', 'server.ts')];
  await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: root });
  if (!existsSync(serverModule)) throw new Error(`build failed: ${serverModule} missing`);
  dir = await mkdtemp(path.join(os.tmpdir(), 'motpart-guard-'));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('logs an unhandled rejection from one request (without its message) and keeps serving', async () => {
  const script = path.join(dir, 'serve.mjs');
  await writeFile(
    script,
    `import { startServer } from ${JSON.stringify(serverModule)};
import { createLogger } from ${JSON.stringify(path.join(build, 'src', 'logger.js'))};
const logger = createLogger('info');
const running = await startServer({
  port: 0, host: '127.0.0.1', logger, health: () => ({}),
  routes: {
    '/boom': (req, res) => {
      // Work nobody awaits, failing with what a user typed in its message.
      Promise.reject(new Error('JSON null 19121212-1212 hemlig text'));
      res.writeHead(200).end();
    },
  },
});
process.stdout.write(JSON.stringify({ url: running.url }) + '\\n');
`,
  );
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) resolve(parsed.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}): ${stderr}`)));
  });
  try {
    for (let i = 0; i < 5; i++) expect((await fetch(`${url}/boom`, { method: 'POST' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(child.exitCode).toBeNull();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const rejections = lines.filter((l) => l.includes('unhandled rejection'));
    expect(rejections).toHaveLength(5);
    expect(lines.join('\n')).not.toMatch(/19121212|hemlig/);
    expect(stderr).toBe('');
  } finally {
    child.kill();
  }
}, 60_000);
