/**
 * `npm start`: the console when no chat platform is configured, otherwise the server.
 */
import { ConfigError, loadConfig } from './config.js';
import { runChat } from './cli/chat.js';
import { consoleAsker, openRuntime } from './cli/runtime.js';
import { KnowledgeLoadError } from './knowledge/loader.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.hasPlatform) {
    const { startApp } = await import('./app.js');
    const app = await startApp(config, createLogger(config.logLevel));
    const stop = () => void app.close().then(() => process.exit(0));
    process.once('SIGINT', stop).once('SIGTERM', stop);
    return;
  }
  const rt = await openRuntime(config, (message) => process.stderr.write(`${message}\n`));
  const { stats } = rt.knowledge.current();
  await runChat({
    motpart: rt.motpart,
    asker: consoleAsker(),
    input: process.stdin,
    output: process.stdout,
    banner: `Ingen Slack eller Teams är konfigurerad, så Motpart körs här i terminalen. Kunskap: ${stats.functions} funktioner, ${stats.snippets} vägledningar, ${stats.checklists} checklistor.`,
  });
  await rt.close();
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof KnowledgeLoadError ? err.message : `Motpart kunde inte starta: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
});
