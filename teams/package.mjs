#!/usr/bin/env node
/**
 * `npm run teams:package`: fills in teams/manifest.template.json from the environment, validates
 * it against the Teams manifest JSON schema with @microsoft/app-manifest (the schema ships inside
 * that package, so no network is needed), checks the icons, and writes the zip to sideload or to
 * upload in the Teams admin center.
 *
 * Plain .mjs rather than TypeScript: Node 20 cannot run .ts, and packaging should not depend on
 * the whole project compiling.
 *
 * Environment:
 *   MICROSOFT_APP_ID        required: the bot's Application (client) ID, a GUID; also the Teams app id
 *   MOTPART_PUBLIC_URL      https address where the bot runs (default https://motpart.example.org)
 *   MOTPART_DEVELOPER_NAME  publisher shown in Teams (default "Motpart")
 *   MOTPART_APP_VERSION     app version, semver (default: the version in package.json)
 * Option: --out <file> (default teams/build/motpart-teams.zip)
 */
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { z } from 'zod';
import { colorIcon, outlineIcon } from './icons.mjs';

const teamsDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(teamsDir, '..');

class PackageError extends Error {}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const envSchema = z.object({
  MICROSOFT_APP_ID: z
    .string({ error: 'saknas: sätt det till botens Application (client) ID från Azure Bot / Teams Developer Portal' })
    .trim()
    .regex(guid, 'ska vara ett GUID, t.ex. 00000000-0000-0000-0000-000000000000 (Application (client) ID)'),
  MOTPART_PUBLIC_URL: z
    .string()
    .trim()
    .default('https://motpart.example.org')
    .pipe(z.url({ protocol: /^https$/, error: 'ska vara en https-adress, t.ex. https://motpart.kommun.se' }))
    .transform((u) => u.replace(/\/+$/, '')),
  MOTPART_DEVELOPER_NAME: z.string().trim().min(1).max(32, 'högst 32 tecken').default('Motpart'),
  MOTPART_APP_VERSION: z
    .string()
    .trim()
    .regex(/^\d+\.\d+\.\d+$/, 'ska vara en version som 1.2.3')
    .optional(),
});

function parseArgs(argv) {
  const out = argv.indexOf('--out');
  if (out !== -1 && !argv[out + 1]) throw new PackageError('--out kräver en filväg');
  return { out: path.resolve(out === -1 ? path.join(teamsDir, 'build', 'motpart-teams.zip') : argv[out + 1]) };
}

async function readEnv(env) {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new PackageError(`Felaktig miljövariabel för Teams-paketet:\n${lines.join('\n')}`);
  }
  const pkg = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8'));
  return {
    MICROSOFT_APP_ID: parsed.data.MICROSOFT_APP_ID.toLowerCase(),
    MOTPART_PUBLIC_URL: parsed.data.MOTPART_PUBLIC_URL,
    MOTPART_PUBLIC_HOST: new URL(parsed.data.MOTPART_PUBLIC_URL).host,
    MOTPART_DEVELOPER_NAME: parsed.data.MOTPART_DEVELOPER_NAME,
    MOTPART_APP_VERSION: parsed.data.MOTPART_APP_VERSION ?? pkg.version,
  };
}

/** Replaces ${{NAME}} placeholders; values are JSON-escaped so a quote cannot break the manifest. */
export function fillTemplate(template, values) {
  const filled = template.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (whole, name) => {
    if (!(name in values)) throw new PackageError(`manifest.template.json: okänd platshållare ${whole}`);
    return JSON.stringify(String(values[name])).slice(1, -1);
  });
  return JSON.parse(filled);
}

function pngSize(png) {
  if (png.toString('ascii', 1, 4) !== 'PNG') throw new PackageError('ikonen är inte en PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function checkIcons(color, outline) {
  const problems = [];
  const c = pngSize(color);
  const o = pngSize(outline);
  if (c.width !== 192 || c.height !== 192) problems.push(`color.png är ${c.width}×${c.height}, ska vara 192×192`);
  if (o.width !== 32 || o.height !== 32) problems.push(`outline.png är ${o.width}×${o.height}, ska vara 32×32`);
  return problems;
}

export async function buildPackage({ env = process.env, out } = {}) {
  const values = await readEnv(env);
  const template = await readFile(path.join(teamsDir, 'manifest.template.json'), 'utf8');
  const manifest = fillTemplate(template, values);
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest);
  if (schemaErrors.length > 0) {
    throw new PackageError(`manifest.json följer inte Teams-schemat ${manifest.manifestVersion}:\n${schemaErrors.map((e) => `  ${e}`).join('\n')}`);
  }
  const color = colorIcon();
  const outline = outlineIcon();
  const iconProblems = checkIcons(color, outline);
  if (iconProblems.length > 0) throw new PackageError(iconProblems.join('\n'));

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  zip.addFile('color.png', color);
  zip.addFile('outline.png', outline);
  await mkdir(path.dirname(out), { recursive: true });
  await zip.writeZipPromise(out);
  return { out, manifest };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out } = parseArgs(process.argv.slice(2));
    const { manifest } = await buildPackage({ out });
    console.log(`Teams-paketet är klart: ${path.relative(process.cwd(), out)} (manifest ${manifest.manifestVersion}, app-id ${manifest.id}, version ${manifest.version})`);
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  }
}
