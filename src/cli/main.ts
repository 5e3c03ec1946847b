#!/usr/bin/env node
/**
 * The `motpart` command: ask, chat, checklist, report, knowledge check and serve.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig, type Config } from '../config.js';
import { overlaid } from '../core/directory/overlay.js';
import { auditLine, changedSince } from '../core/directory/upkeep.js';
import { renderText } from '../core/render/text.js';
import { buildHealthReport } from '../core/report.js';
import { checkKnowledge } from '../knowledge/check.js';
import { functionsToCsv, importCsv } from '../knowledge/directoryCsv.js';
import { writeFunctions } from '../knowledge/functionFiles.js';
import { renderKnowledgeSchema, SCHEMA_FILE } from '../knowledge/jsonSchema.js';
import { LEGAL_SOURCES_FILE, renderLegalSources } from '../knowledge/legalSources.js';
import { formatIssue, KnowledgeLoadError, loadKnowledge } from '../knowledge/loader.js';
import type { KnowledgeIssue } from '../core/knowledge/knowledge.js';
import { runChat } from './chat.js';
import { consoleAsker, exitWithFailure, failureMessage, knowledgeSummary, openRuntime, serveUntilSignal, today, UsageError, type Runtime } from './runtime.js';

const warn = (message: string) => process.stderr.write(`${message}\n`);

const sinceOption = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ska vara ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-12-01').optional();

/** Resolves when the chunk is handed to the OS, so each JSONL answer is out before the next is read. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

async function withRuntime(fn: (rt: Runtime) => Promise<void>): Promise<void> {
  const rt = await openRuntime(loadConfig(), warn);
  try {
    await fn(rt);
  } finally {
    await rt.close();
  }
}

/** The knowledge's functions with every approved change from the chat folded in (id → function), for export and import. */
async function foldedDirectory(rt: Runtime) {
  const knowledge = rt.knowledge.current();
  const changes = await rt.store.directory.list().catch((err: unknown) => {
    throw new UsageError(`Ändringarna från chatten går inte att läsa (${err instanceof Error ? err.message : String(err)}), så katalogen kan inte visas som den är. Med den inbyggda lagringen: stoppa servern först, eller använd REDIS_URL.`);
  });
  const folded = new Map(knowledge.data.functions.flatMap((f) => {
    const after = overlaid(f, changes);
    return after === f ? [] : [[f.id, after] as const];
  }));
  return { knowledge, folded };
}

async function askLines(rt: Runtime, as: string | undefined): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const asker = consoleAsker(as);
  for await (const line of rl) {
    if (line.trim() === '') continue;
    const reply = await rt.motpart.handle({ text: line }, asker);
    await writeOut(`${JSON.stringify(reply)}\n`);
  }
}

/** A warning when LEGAL-SOURCES.md is not what the `provisions` list generates. */
async function legalSourcesIssue(dir: string, expected: string): Promise<KnowledgeIssue | undefined> {
  const actual = await readFile(path.join(dir, LEGAL_SOURCES_FILE), 'utf8').catch(() => undefined);
  if (actual === expected) return undefined;
  return {
    severity: 'warning',
    file: LEGAL_SOURCES_FILE,
    path: 'provisions',
    message: `${LEGAL_SOURCES_FILE} stämmer inte med "provisions:"; kör "motpart knowledge sources --write"`,
  };
}

function knowledgeCheck(config: Config): Promise<number> {
  return loadKnowledge(config.knowledgeDir, { maxBytes: config.knowledgeMaxBytes }).then(
    async ({ data, origins, files }) => {
      const issues = checkKnowledge(data, today(config), origins);
      if ((data.provisions ?? []).length > 0) {
        const stale = await legalSourcesIssue(config.knowledgeDir, renderLegalSources(data));
        if (stale) issues.push(stale);
      }
      for (const issue of issues) process.stdout.write(`${formatIssue(issue)}\n`);
      const errors = issues.filter((i) => i.severity === 'error').length;
      const warnings = issues.length - errors;
      process.stdout.write(
        `\n${config.knowledgeDir}: ${files.length} filer\n` +
          `Organisationer: ${data.organisations.length}, områden: ${data.areas.length}, funktioner: ${data.functions.length}, ` +
          `vägledningar: ${data.guidance.length}, checklistor: ${data.checklists.length}\n` +
          `${errors} fel, ${warnings} varningar\n`,
      );
      return errors > 0 ? 1 : 0;
    },
    (err: unknown) => {
      if (!(err instanceof KnowledgeLoadError)) throw err;
      for (const issue of err.issues) process.stdout.write(`${formatIssue(issue)}\n`);
      process.stdout.write(`\n${err.issues.length} fel: kunskapsbasen kan inte användas förrän de är rättade.\n`);
      return 1;
    },
  );
}

export function buildProgram(): Command {
  const program = new Command()
    .name('motpart')
    .description('Motpart: motparter, vad som får delas och checklistor – i terminalen.')
    .showHelpAfterError('(skriv motpart --help för hjälp)');

  program
    .command('ask')
    .description('Ställ en fråga och få svaret')
    .argument('[text...]', 'frågan')
    .option('--as <roll>', 'din roll för frågan: polis, socialtjänst, skola, ett organisations-id eller funktions-id')
    .option('--json', 'svaret som JSON')
    .option('--jsonl', 'en fråga per rad på stdin, ett JSON-svar per rad på stdout')
    .action(async (words: string[], opts: { as?: string; json?: boolean; jsonl?: boolean }) => {
      await withRuntime(async (rt) => {
        if (opts.jsonl) return askLines(rt, opts.as);
        const text = words.join(' ');
        const reply = await rt.motpart.handle({ text }, consoleAsker(opts.as));
        await writeOut(opts.json ? `${JSON.stringify(reply, null, 2)}\n` : renderText(reply));
      });
    });

  program
    .command('chat')
    .description('Interaktiv konsol')
    .option('--as <roll>', 'din roll under hela samtalet')
    .action(async (opts: { as?: string }) => {
      await withRuntime(async (rt) => {
        const banner = knowledgeSummary(rt.knowledge.current().stats);
        await runChat({ motpart: rt.motpart, asker: consoleAsker(opts.as), input: process.stdin, output: process.stdout, banner });
      });
    });

  program
    .command('checklist')
    .description('Lista checklistor, eller visa och starta en')
    .argument('[name...]', 'checklistans namn, t.ex. sig eller orosanmälan')
    .action(async (words: string[]) => {
      await withRuntime(async (rt) => {
        const reply = await rt.motpart.handle({ text: words.join(' '), command: 'checklista' }, consoleAsker());
        await writeOut(renderText(reply));
      });
    });

  const knowledge = program.command('knowledge').description('Kunskapsbasen');
  knowledge
    .command('check')
    .description('Kontrollera filerna i kunskapsbasen: fel ger avslutskod 1, varningar 0')
    .action(async () => {
      process.exitCode = await knowledgeCheck(loadConfig());
    });
  knowledge
    .command('sources')
    .description(`Lagrummen och primärkällorna (${LEGAL_SOURCES_FILE}) ur "provisions:"; --write skriver filen`)
    .option('--write', `skriv ${LEGAL_SOURCES_FILE} i kunskapskatalogen`)
    .action(async (opts: { write?: boolean }) => {
      const config = loadConfig();
      const { data } = await loadKnowledge(config.knowledgeDir);
      const text = renderLegalSources(data);
      if (opts.write) await writeFile(path.join(config.knowledgeDir, LEGAL_SOURCES_FILE), text);
      else await writeOut(text);
    });

  knowledge
    .command('schema')
    .description(`JSON Schema för kunskapsfilerna (${SCHEMA_FILE}) ur zod-schemat, för redigerare; --write skriver filen`)
    .option('--write', `skriv ${SCHEMA_FILE} i kunskapskatalogen`)
    .action(async (opts: { write?: boolean }) => {
      const text = renderKnowledgeSchema();
      if (opts.write) await writeFile(path.join(loadConfig().knowledgeDir, SCHEMA_FILE), text);
      else await writeOut(text);
    });

  const directory = program.command('directory').description('Katalogen: ändringar gjorda i chatten, export och import');
  directory
    .command('changes')
    .description('Alla ändringar av katalogen gjorda i chatten: vem, när, vad och vem som godkände')
    .option('--since <datum>', 'bara ändringar gjorda, avgjorda eller ångrade från och med datumet (ÅÅÅÅ-MM-DD)')
    .option('--json', 'ändringarna som JSON')
    .action(async (opts: { since?: string; json?: boolean }) => {
      const since = sinceOption.safeParse(opts.since);
      if (!since.success) throw new UsageError(`--since: ${since.error.issues[0]!.message}`);
      await withRuntime(async (rt) => {
        const knowledge = rt.knowledge.current();
        const changes = changedSince(await rt.store.directory.list(), since.data);
        if (opts.json) return writeOut(`${JSON.stringify(changes, null, 2)}\n`);
        const day = today(rt.config);
        const lines = changes.map((c) => auditLine(c, knowledge.functions.get(c.functionId)?.name ?? c.functionId, day));
        await writeOut(lines.length > 0 ? `${lines.join('\n')}\n` : 'Inga ändringar.\n');
      });
    });

  directory
    .command('export')
    .description('Funktionsfilerna (--yaml) eller ett kalkylark (--csv) med de godkända ändringarna från chatten inbakade')
    .option('--yaml', 'funktionsfilerna i samma format, med kommentarerna kvar, för en pull request')
    .option('--csv', 'en rad per innehavare, för Excel')
    .option('--out <plats>', 'skriv till katalogen (--yaml) eller filen (--csv) i stället för till stdout')
    .action(async (opts: { yaml?: boolean; csv?: boolean; out?: string }) => {
      if (Boolean(opts.yaml) === Boolean(opts.csv)) throw new UsageError('Ange --yaml eller --csv (en av dem).');
      await withRuntime(async (rt) => {
        const { knowledge, folded } = await foldedDirectory(rt);
        if (opts.csv) {
          const csv = functionsToCsv(knowledge.data.functions.map((f) => folded.get(f.id) ?? f));
          return opts.out ? writeFile(opts.out, csv) : writeOut(csv);
        }
        const files = await writeFunctions(rt.config.knowledgeDir, knowledge.data.functions, knowledge.origins, folded);
        for (const { file, text } of files) {
          if (!opts.out) await writeOut(`# ==> ${file} <==\n${text}`);
          else {
            await mkdir(path.dirname(path.join(opts.out, file)), { recursive: true });
            await writeFile(path.join(opts.out, file), text);
          }
        }
      });
    });

  directory
    .command('import')
    .description('Läs innehavare och kontaktuppgifter från ett kalkylark (CSV) in i funktionsfilerna')
    .requiredOption('--csv <fil>', 'filen, med rubrikerna från "directory export --csv"')
    .option('--dry-run', 'visa bara vad som skulle ändras')
    .action(async (opts: { csv: string; dryRun?: boolean }) => {
      const text = await readFile(opts.csv, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`Filen ${opts.csv} går inte att läsa (${err.code ?? err.message}).`);
      });
      await withRuntime(async (rt) => {
        const { knowledge, folded } = await foldedDirectory(rt);
        const current = knowledge.data.functions.map((f) => folded.get(f.id) ?? f);
        const result = importCsv(text, path.basename(opts.csv), current, knowledge.data, today(rt.config));
        for (const issue of result.issues) await writeOut(`${formatIssue(issue)}\n`);
        if (result.issues.some((i) => i.severity === 'error')) {
          process.exitCode = 1;
          return writeOut('\nInget ändrades: rätta felen och kör igen.\n');
        }
        await writeOut(result.differences.length > 0 ? `${result.differences.join('\n')}\n` : 'Inga ändringar.\n');
        if (opts.dryRun || result.changed.size === 0) return;
        const files = await writeFunctions(rt.config.knowledgeDir, knowledge.data.functions, knowledge.origins, result.changed);
        for (const { file, text: yaml, changed } of files) if (changed) await writeFile(path.join(rt.config.knowledgeDir, file), yaml);
        await writeOut(`\nSparat i ${files.filter((f) => f.changed).map((f) => f.file).join(', ')}.\n`);
      });
    });

  program
    .command('report')
    .description('Hälsorapporten: obesvarade frågor, låga betyg, vägledningar att granska, vakanta funktioner')
    .option('--json', 'rapporten som JSON')
    .action(async (opts: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const reply = await buildHealthReport(rt.knowledge.current(), rt.store, new Date(), { timezone: rt.config.timezone });
        await writeOut(opts.json ? `${JSON.stringify(reply, null, 2)}\n` : renderText(reply));
      });
    });

  program
    .command('serve')
    .description('Starta HTTP-servern (Slack, Teams, /healthz)')
    .action(() => serveUntilSignal(loadConfig()));

  return program;
}

buildProgram()
  .parseAsync()
  .catch((err: unknown) => exitWithFailure(failureMessage(err, 'köras')));
