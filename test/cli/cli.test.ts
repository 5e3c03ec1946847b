/**
 * The `motpart` command as users run it: built once with tsc, then spawned with node.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const build = path.join(root, 'test-artifacts', 'cli-build');
const main = path.join(build, 'dist', 'src', 'cli', 'main.js');
const fixture = path.join(root, 'test', 'fixtures', 'knowledge-basic');
const shipped = path.join(root, 'knowledge');
let dataDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function motpart(args: string[], options: { knowledge?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, MOTPART_KNOWLEDGE_DIR: options.knowledge ?? fixture, MOTPART_DATA_DIR: dataDir, ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { env, cwd: dataDir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-cli-'));
  // The last run's build goes first: whatever main.js exists below was emitted now, from today's
  // sources, never a stale build that a failed compile left behind.
  await rm(build, { recursive: true, force: true });
  // Other parts of the tree may not compile yet; tsc still emits, and only the CLI's own files matter here.
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', path.join(build, 'dist')], { cwd: root }).catch(() => undefined);
  expect(existsSync(main)).toBe(true);
}, 120_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('motpart ask', () => {
  it('names the social-services function covering Rosengård, with its contact, for the police', async () => {
    const r = await motpart(['ask', 'vem är min motpart i Rosengård', '--as', 'polis']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mottagningsenheten barn och unga, Område Öster');
    expect(r.stdout).toContain('E-post: mottagning.oster@example.org');
    expect(r.stdout).not.toContain('▸ Kommunpolis');
  });

  it('names the police function for social services', async () => {
    const r = await motpart(['ask', 'vem är min motpart i Rosengård', '--as', 'socialtjänst']);
    expect(r.stdout).toContain('▸ Kommunpolis Malmö Öster');
    expect(r.stdout).not.toContain('▸ Mottagningsenheten');
  });

  it.each([
    'får soc lämna uppgifter till polisen om en 17-åring för att förhindra brott',
    'far soc lamna uppgifter till polisen om en som ar 19 ar for att forhindra brott',
  ])('cites 10 kap. 18 a § OSL: %s', async (question) => {
    const r = await motpart(['ask', question]);
    expect(r.stdout).toContain('Lagrum: 10 kap. 18 a § OSL');
    expect(r.stdout).toContain('Vägledning, inte ett beslut');
  });

  it('does not say the 18 a route applies to a 24-year-old', async () => {
    const r = await motpart(['ask', 'får soc lämna uppgifter till polisen om en 24-åring för att förhindra brott', '--json']);
    const reply = JSON.parse(r.stdout) as Reply;
    expect(reply.parts.filter((p) => p.type === 'guidance')).toEqual([]);
    expect(reply.headline).toBe('10 kap. 18 a § OSL gäller inte vid 24 år');
  });

  it('answers one JSON reply per input line with --jsonl, skipping empty lines', async () => {
    const r = await motpart(['ask', '--jsonl'], { input: 'socialjouren malmö\n\n18 a\nhjälp\n' });
    const replies = r.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Reply);
    expect(replies.map((x) => x.intent)).toEqual(['directory', 'guidance', 'help']);
  });

  it('warns about a personal number', async () => {
    const r = await motpart(['ask', 'får jag lämna ut 811218-9876']);
    expect(r.stdout).toContain('Skriv inte personnummer här');
  });
});

describe('motpart checklist and chat', () => {
  it('lists the checklists', async () => {
    const r = await motpart(['checklist']);
    expect(r.stdout).toContain('Sociala insatsgrupper (SIG)');
    expect(r.stdout).toContain('Orosanmälan');
  });

  it('starts a checklist by a short name', async () => {
    const r = await motpart(['checklist', 'sig']);
    expect(r.stdout).toContain('Checklista: Sociala insatsgrupper (SIG)\n\n0 av 3 klara');
  });

  it('still answers, and says it cannot save, when another process holds the data directory', async () => {
    const holder = spawn(process.execPath, [main, 'chat'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, MOTPART_KNOWLEDGE_DIR: fixture, MOTPART_DATA_DIR: dataDir }, cwd: dataDir });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const asked = await motpart(['ask', 'socialjouren malmö']);
      expect(asked.code).toBe(0);
      expect(asked.stdout).toContain('Socialjouren Malmö');
      expect(asked.stderr).toContain('Lagringen kunde inte startas');
      const started = await motpart(['checklist', 'sig']);
      expect(started.stdout).toContain('Det går inte att spara just nu, försök igen om en stund.');
    } finally {
      holder.stdin.end('hejdå\n');
      await new Promise((resolve) => holder.once('close', resolve));
    }
  });

  it('chats until "hejdå", pressing suggestions by letter', async () => {
    const r = await motpart(['chat'], { input: 'hjälp\nc\nhejdå\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Så här använder du Motpart');
    expect(r.stdout).toContain('▸ Socialjouren Malmö');
    expect(r.stdout).toContain('Hej då!');
  });
});

describe('motpart report', () => {
  it('lists what was asked without an answer, redacted, and the functions without a holder', async () => {
    await motpart(['ask', 'blorf quuxify 19800101-1234 zzz']);
    const r = await motpart(['report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Vanligaste obesvarade frågorna');
    expect(r.stdout).toContain('blorf quuxify');
    expect(r.stdout).not.toContain('19800101-1234');
    expect(r.stdout).toContain('Funktioner utan aktuell innehavare eller ersättare');
    expect(r.stdout).toContain('Mottagningsenheten barn och unga, Område Söder');
  });
});

describe('motpart knowledge check', () => {
  it('prints warnings and counts and exits 0 when there are no errors', async () => {
    const r = await motpart(['knowledge', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('VARNING functions.yaml (functions[kommunpolis-malmo-syd].holders): ingen innehavare just nu');
    expect(r.stdout).toContain('Organisationer: 6, områden: 17, funktioner: 14, vägledningar: 8, checklistor: 4');
    expect(r.stdout).toContain('0 fel, ');
  });

  it('exits 1 on errors, naming file and place', async () => {
    const r = await motpart(['knowledge', 'check'], { knowledge: path.join(root, 'test', 'fixtures', 'knowledge-broken') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FEL yaml-syntax\.yaml:\d+: YAML-fel/);
    expect(r.stdout).toContain('FEL unknown-field.yaml:8 (functions[0].telefon): okänt fält "telefon"');
    expect(r.stdout).toContain('FEL missing-field.yaml:2 (functions[0].organisation): fältet "organisation" saknas: lägg till det');
  });

  it('reads a directory over a megabyte in worker threads, with the same counts and the same error places', async () => {
    const large = await mkdtemp(path.join(os.tmpdir(), 'motpart-large-'));
    try {
      await cp(fixture, large, { recursive: true });
      const many = Array.from({ length: 2500 }, (_, i) =>
        [
          `  - id: fritidsgard-prov-${i}`,
          `    name: Fritidsgård prov ${i}`,
          '    organisation: malmo-stad',
          '    role: fritidsgard',
          '    areas: [rosengard]',
          `    topics: [fritid, unga på kvällar, samverkan med fältgruppen och polisen, kod${i}x]`,
          `    contact: { email: fritid${i}@example.org, phone: 040-000 00 00 (fiktivt) }`,
          '    hours: { periods: [{ days: [mon, tue, wed, thu, fri], from: "15:00", to: "21:00" }] }',
          `    holders: [{ name: Prov Provsson ${i} (fiktiv), from: 2024-01-01 }, { name: Ersättare ${i} (fiktiv), kind: ersattare, from: 2024-01-01 }]`,
          '    outOfHours: socialjouren-malmo',
        ].join('\n'),
      );
      await writeFile(path.join(large, 'many.yaml'), `functions:\n${many.join('\n')}\n`);
      expect((await stat(path.join(large, 'many.yaml'))).size).toBeGreaterThan(1_000_000);
      const base = await motpart(['knowledge', 'check']);
      const baseCount = Number(/funktioner: (\d+)/.exec(base.stdout)![1]);
      const loaded = await motpart(['knowledge', 'check'], { knowledge: large });
      expect(loaded.stdout).toContain(`funktioner: ${baseCount + 2500}`);
      // Workers send long lists in slices; a record from the middle of the file arrives whole.
      const found = await motpart(['ask', 'vem har hand om kod1234x'], { knowledge: large });
      expect(found.stdout).toContain('▸ Fritidsgård prov 1234');
      expect(found.stdout).toContain('fritid1234@example.org');

      await cp(path.join(root, 'test', 'fixtures', 'knowledge-broken', 'unknown-field.yaml'), path.join(large, 'unknown-field.yaml'));
      const broken = await motpart(['knowledge', 'check'], { knowledge: large });
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('FEL unknown-field.yaml:8 (functions[0].telefon): okänt fält "telefon"');
    } finally {
      await rm(large, { recursive: true, force: true });
    }
  });

  it('answers the next run from the knowledge cache and reads the files again after an edit', async () => {
    const knowledge = await mkdtemp(path.join(os.tmpdir(), 'motpart-cached-'));
    const ownData = await mkdtemp(path.join(os.tmpdir(), 'motpart-cached-data-'));
    try {
      await cp(fixture, knowledge, { recursive: true });
      const ask = () => motpart(['ask', 'vem är min motpart i Rosengård', '--as', 'polis'], { knowledge, env: { LOG_LEVEL: 'info', MOTPART_DATA_DIR: ownData } });
      const loaded = (r: Run) => r.stderr.split('\n').filter((l) => l.includes('"knowledge loaded"')).map((l) => (JSON.parse(l) as { source: string; cacheMiss?: string }));

      const first = await ask();
      expect(loaded(first)).toEqual([expect.objectContaining({ source: 'files', cacheMiss: 'no cache' })]);
      expect(first.stderr).toContain('knowledge cache written');
      const second = await ask();
      expect(loaded(second)).toEqual([expect.objectContaining({ source: 'cache' })]);
      expect(second.stdout).toBe(first.stdout);
      expect(second.stdout).toContain('Mottagningsenheten barn och unga, Område Öster');

      const functions = path.join(knowledge, 'functions.yaml');
      await writeFile(functions, (await readFile(functions, 'utf8')).replace('mottagning.oster@example.org', 'mottagning.oster.ny@example.org'));
      const edited = await ask();
      expect(loaded(edited)).toEqual([expect.objectContaining({ source: 'files', cacheMiss: 'knowledge files or Motpart changed' })]);
      expect(edited.stdout).toContain('mottagning.oster.ny@example.org');
    } finally {
      await rm(knowledge, { recursive: true, force: true });
      await rm(ownData, { recursive: true, force: true });
    }
  });

  it('exits 1 with a clear message when the directory does not exist', async () => {
    const r = await motpart(['ask', 'hej'], { knowledge: path.join(dataDir, 'saknas') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('MOTPART_KNOWLEDGE_DIR');
  });
});

const shippedReady = existsSync(path.join(shipped, 'functions')) || (existsSync(shipped) && (await readdir(shipped)).some((f) => f.startsWith('functions')));

describe.skipIf(!shippedReady)('the shipped knowledge', () => {
  it('passes the knowledge check', async () => {
    const r = await motpart(['knowledge', 'check'], { knowledge: shipped });
    expect(r.stdout).toMatch(/^0 fel, \d+ varningar$/m);
    expect(r.code).toBe(0);
  });

  it('answers the issue\'s three checks', async () => {
    const police = await motpart(['ask', 'vem är min motpart i Rosengård', '--as', 'polis', '--json'], { knowledge: shipped });
    const social = await motpart(['ask', 'vem är min motpart i Rosengård', '--as', 'socialtjänst', '--json'], { knowledge: shipped });
    const kindOf = (r: Run) => (JSON.parse(r.stdout) as Reply).parts.flatMap((p) => (p.type === 'contact' ? [p.contact.organisation] : []));
    expect(kindOf(police).join(' ')).toMatch(/[Ss]ocial/);
    expect(kindOf(social).join(' ')).toMatch(/Polis/);
    for (const q of ['får soc lämna uppgifter till polisen om en 17-åring för att förhindra brott', 'far soc lamna uppgifter till polisen om en som ar 19 ar for att forhindra brott']) {
      expect((await motpart(['ask', q], { knowledge: shipped })).stdout).toContain('10 kap. 18 a § OSL');
    }
    const old = JSON.parse((await motpart(['ask', 'får soc lämna uppgifter till polisen om en 24-åring för att förhindra brott', '--json'], { knowledge: shipped })).stdout) as Reply;
    expect(old.parts.some((p) => p.type === 'guidance' && p.guidance.references.some((ref) => ref.canonical === 'OSL 10:18 a'))).toBe(false);
  });
});

/**
 * The console as a person runs it: in a terminal. `script` gives the program a pseudo-terminal
 * whose width `stty` sets, so the wrapping is the program's own (output.columns), not a pipe's.
 */
describe('motpart chat in a pseudo-terminal', () => {
  const QUESTION = 'får soc lämna uppgifter till polisen om en 17-åring';
  const TITLE = 'Socialtjänsten till polisen för att förebygga brott (under 21) (10 kap. 18 a § OSL)';
  const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  const width = (line: string) => [...new Intl.Segmenter('sv', { granularity: 'grapheme' }).segment(line)].length;

  function inTerminal(columns: number, lines: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', MOTPART_KNOWLEDGE_DIR: fixture, MOTPART_DATA_DIR: dataDir };
    const command = `stty cols ${columns} rows 60; exec '${process.execPath}' '${main}' chat`;
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env, cwd: dataDir });
    let out = '';
    let prompts = 0;
    const pending = [...lines];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no end within 30 s:\n${plain(out)}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // One line per prompt, so each answer is out before the next line is typed.
        const seen = plain(out).split('du> ').length - 1;
        if (seen > prompts) {
          prompts = seen;
          const next = pending.shift();
          child.stdin.write(`${next ?? 'hejdå'}\n`);
        }
      });
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(plain(out));
      });
    });
  }

  it.each([60, 120])('wraps at word boundaries to a %i-column terminal', async (columns) => {
    const out = await inTerminal(columns, [QUESTION]);
    expect(out).toContain('Hej då!');
    const lines = out.split('\n');
    // No line runs past the edge, except a web address, which is kept whole rather than broken.
    expect(lines.filter((l) => width(l) > columns && !/https?:\/\//.test(l))).toEqual([]);
    // No word is broken: every sentence reads whole when the line breaks are undone.
    const joined = out.replace(/\n\s*/g, ' ');
    expect(joined).toContain('Socialtjänsten får lämna uppgifter till Polismyndigheten om en person som inte fyllt 21 år');
    expect(joined).toContain('Det finns särskilda omständigheter som talar för att personen kommer att utöva brottslig verksamhet.');
    // The width is the terminal's: at 120 columns the title fits on one line, at 60 it does not.
    expect(lines.includes(TITLE)).toBe(columns === 120);
    // Continuation lines of a bullet stay under its text.
    if (columns === 60) expect(out).toMatch(/ {2}• Det finns särskilda omständigheter som talar för att\n {4}personen/);
  }, 40_000);
});

describe('motpart directory', () => {
  /** Its own knowledge copy (imports write into it) and store, so no other test sees these changes. */
  let knowledgeDir: string;
  let upkeepData: string;
  const run = (args: string[], input?: string) => motpart(args, { knowledge: knowledgeDir, env: { MOTPART_DATA_DIR: upkeepData }, ...(input ? { input } : {}) });

  beforeAll(async () => {
    knowledgeDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-directory-knowledge-'));
    upkeepData = await mkdtemp(path.join(os.tmpdir(), 'motpart-directory-data-'));
    await cp(fixture, knowledgeDir, { recursive: true });
    // The console edits everything: the stand-in holds when confirmed (a), which the audit lists.
    const chat = await run(['chat'], 'Sara Exempelsson är ledig 15–30 december 2099, Kim Exempel (fiktiv) vikarierar\na\nhejdå\n');
    expect(chat.stdout).toContain('Stämmer det här?');
    expect(chat.stdout).toContain('Sparat');
  });

  afterAll(async () => {
    await rm(knowledgeDir, { recursive: true, force: true });
    await rm(upkeepData, { recursive: true, force: true });
  });

  it('lists the changes made in chat with who, when and who approved; --since leaves older ones out', async () => {
    const r = await run(['directory', 'changes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · gäller · Kim Exempel \(fiktiv\) vikarierar i Mottagningsenheten barn och unga, Område Öster 15 december 2099–30 december 2099 · begärd av .*\(cli:local\) · godkänd av cli:local/);
    expect((await run(['directory', 'changes', '--since', '2999-01-01'])).stdout).toBe('Inga ändringar.\n');
    const bad = await run(['directory', 'changes', '--since', 'igår']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--since: ska vara ett datum som ÅÅÅÅ-MM-DD');
  });

  it('exports the function files with the change folded in and the comments kept', async () => {
    const out = path.join(upkeepData, 'export');
    expect((await run(['directory', 'export', '--yaml', '--out', out])).code).toBe(0);
    const written = await readFile(path.join(out, 'functions.yaml'), 'utf8');
    expect(written).toContain('{ name: Kim Exempel (fiktiv), kind: vikarie, from: 2099-12-15, to: 2099-12-30 }');
    expect(written).toContain('# --- Malmö, socialtjänsten ---');
    expect(written).toContain('# Ended and not replaced: the reply must say so and show the fallback.');
    // Folded into the files, the change is no change at all: the export of that export is the same.
    await cp(path.join(out, 'functions.yaml'), path.join(knowledgeDir, 'functions.yaml'));
    const again = await run(['directory', 'export', '--yaml']);
    expect(again.stdout).toContain(written);
    expect((await run(['knowledge', 'check'])).code).toBe(0);
  });

  it('round-trips through CSV: export, re-import, no change', async () => {
    const csv = path.join(upkeepData, 'katalog.csv');
    expect((await run(['directory', 'export', '--csv', '--out', csv])).code).toBe(0);
    const text = await readFile(csv, 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFfunction_id;function_name;contact_email;contact_phone;contact_chat;contact_url;holder_name;holder_kind;holder_title;holder_from;holder_to;holder_email;holder_phone;holder_chat');
    expect(text).toContain('mottagning-barn-unga-malmo-oster;Mottagningsenheten barn och unga, Område Öster;mottagning.oster@example.org;040-000 00 01 (fiktivt);;;Kim Exempel (fiktiv);vikarie;;2099-12-15;2099-12-30');
    const r = await run(['directory', 'import', '--csv', csv]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Inga ändringar.\n');
  });

  it('names the row and column of a broken CSV row and changes nothing', async () => {
    const csv = path.join(upkeepData, 'trasig.csv');
    const good = await readFile(path.join(upkeepData, 'katalog.csv'), 'utf8');
    const lines = good.split('\r\n');
    lines[2] = lines[2]!.replace(/;2024-01-01;/, ';2024-13-01;');
    await writeFile(csv, lines.join('\r\n'));
    const before = await readFile(path.join(knowledgeDir, 'functions.yaml'), 'utf8');
    const r = await run(['directory', 'import', '--csv', csv]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FEL trasig.csv:3 (holder_from): ');
    expect(r.stdout).toContain('Inget ändrades');
    expect(await readFile(path.join(knowledgeDir, 'functions.yaml'), 'utf8')).toBe(before);
  });

  it('reads the chat and web address of a function too, checked as in the files', async () => {
    const good = await readFile(path.join(upkeepData, 'katalog.csv'), 'utf8');
    const withContact = (chat: string, url: string) => good.replaceAll('mottagning.oster@example.org;040-000 00 01 (fiktivt);;;', `mottagning.oster@example.org;040-000 00 01 (fiktivt);${chat};${url};`);
    const csv = path.join(upkeepData, 'kontakt.csv');
    await writeFile(csv, withContact('#samverkan-oster', 'https://example.org/mottagning-oster'));
    const dry = await run(['directory', 'import', '--csv', csv, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('(mottagning-barn-unga-malmo-oster): kontakt chatt: (tom) → #samverkan-oster');
    expect(dry.stdout).toContain('(mottagning-barn-unga-malmo-oster): kontakt webbadress: (tom) → https://example.org/mottagning-oster');

    await writeFile(csv, withContact('#samverkan-oster', 'mottagning-oster'));
    const broken = await run(['directory', 'import', '--csv', csv, '--dry-run']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/FEL kontakt\.csv:\d+ \(contact_url\): ska vara en webbadress som börjar med https:\/\//);
  });

  it('shows a change in a dry run, then writes it into the function file, comments kept', async () => {
    const csv = path.join(upkeepData, 'ny.csv');
    const good = await readFile(path.join(upkeepData, 'katalog.csv'), 'utf8');
    await writeFile(csv, good.replaceAll('040-000 00 01 (fiktivt)', '040-000 00 11 (fiktivt)'));
    const dry = await run(['directory', 'import', '--csv', csv, '--dry-run']);
    expect(dry.stdout).toContain('Mottagningsenheten barn och unga, Område Öster (mottagning-barn-unga-malmo-oster): kontakt telefon: 040-000 00 01 (fiktivt) → 040-000 00 11 (fiktivt)');
    expect(await readFile(path.join(knowledgeDir, 'functions.yaml'), 'utf8')).toContain('040-000 00 01 (fiktivt)');
    const r = await run(['directory', 'import', '--csv', csv]);
    expect(r.code).toBe(0);
    const written = await readFile(path.join(knowledgeDir, 'functions.yaml'), 'utf8');
    expect(written).toContain('040-000 00 11 (fiktivt)');
    expect(written).toContain('# --- Malmö, socialtjänsten ---');
    expect((await run(['directory', 'import', '--csv', csv, '--dry-run'])).stdout).toBe('Inga ändringar.\n');
  });
});
