import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const APP_ID = '0b9e6f3c-2f0d-4a43-9c1e-5d3f6a7b8c9d';
const script = path.resolve('teams/package.mjs');

/** The npm script, with a clean environment so a developer's own variables cannot leak in. */
async function packageWith(env: Record<string, string>, out: string) {
  try {
    const result = await run(process.execPath, [script, '--out', out], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, ...result };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixels: Array<[number, number, number, number]> = [];
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 4;
      pixels.push([raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!]);
    }
  }
  return { width, height, pixels };
}

describe('npm run teams:package', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'motpart-teams-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a zip with a schema-valid manifest, the bot id from the environment and both icons', async () => {
    const out = path.join(dir, 'motpart-teams.zip');
    const result = await packageWith({ MICROSOFT_APP_ID: APP_ID.toUpperCase(), MOTPART_PUBLIC_URL: 'https://motpart.kommun.example.org/' }, out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('manifest 1.22');

    const zip = new AdmZip(await readFile(out));
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as Record<string, any>;
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual(['motpart', 'sekretess', 'checklista', 'katalog', 'hjälp']);
    expect(manifest.composeExtensions[0]).toMatchObject({ botId: APP_ID, commands: [{ id: 'search', type: 'query', parameters: [{ name: 'query' }] }] });
    expect(manifest.validDomains).toEqual(['motpart.kommun.example.org']);
    expect(manifest.developer.privacyUrl).toBe('https://motpart.kommun.example.org/integritet');
    expect(manifest.version).toBe(JSON.parse(await readFile('package.json', 'utf8')).version);
    expect(JSON.stringify(manifest)).not.toContain('${{');

    const color = decodePng(zip.readFile('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixels.every(([, , , a]) => a === 255)).toBe(true);

    const outline = decodePng(zip.readFile('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // White on transparent: every visible pixel is white, and most of the icon is see-through.
    expect(outline.pixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(outline.pixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(32 * 32 * 0.5);
    expect(outline.pixels.some(([, , , a]) => a === 255)).toBe(true);
  });

  it('draws the same icons every time', async () => {
    const [a, b] = [path.join(dir, 'a.zip'), path.join(dir, 'b.zip')];
    await packageWith({ MICROSOFT_APP_ID: APP_ID }, a);
    await packageWith({ MICROSOFT_APP_ID: APP_ID }, b);
    const [za, zb] = [new AdmZip(a), new AdmZip(b)];
    expect(za.readFile('color.png')!.equals(zb.readFile('color.png')!)).toBe(true);
    expect(za.readFile('outline.png')!.equals(zb.readFile('outline.png')!)).toBe(true);
  });

  it.each([
    [{}, 'MICROSOFT_APP_ID: saknas'],
    [{ MICROSOFT_APP_ID: 'motpart-bot' }, 'MICROSOFT_APP_ID: ska vara ett GUID'],
    [{ MICROSOFT_APP_ID: APP_ID, MOTPART_PUBLIC_URL: 'http://motpart.example.org' }, 'MOTPART_PUBLIC_URL: ska vara en https-adress'],
    [{ MICROSOFT_APP_ID: APP_ID, MOTPART_APP_VERSION: 'v2' }, 'MOTPART_APP_VERSION: ska vara en version'],
  ])('refuses %j with a message that says what to set', async (env, message) => {
    const out = path.join(dir, 'refused.zip');
    const result = await packageWith(env as Record<string, string>, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    await expect(readFile(out)).rejects.toThrow();
  });

  it('uses a validator that rejects what Teams would reject, offline', async () => {
    const out = path.join(dir, 'valid.zip');
    await packageWith({ MICROSOFT_APP_ID: APP_ID }, out);
    const manifest = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as Record<string, any>;
    manifest.bots[0].commandLists[0].commands.push({ title: 'x'.repeat(40), description: 'för lång titel' });
    manifest.bots[0].scopes.push('kanal');
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never);
    expect(errors.join('\n')).toMatch(/scopes/);
    expect(errors.length).toBeGreaterThan(0);
  });
});
