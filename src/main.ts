/**
 * `npm start`: the console when no chat platform is configured, otherwise the server.
 */
import { loadConfig } from './config.js';
import { runChat } from './cli/chat.js';
import { consoleAsker, exitWithFailure, failureMessage, knowledgeSummary, openRuntime, serveUntilSignal } from './cli/runtime.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.hasPlatform) return serveUntilSignal(config);
  const rt = await openRuntime(config, (message) => process.stderr.write(`${message}\n`));
  await runChat({
    motpart: rt.motpart,
    asker: consoleAsker(),
    input: process.stdin,
    output: process.stdout,
    banner: `Ingen Slack eller Teams är konfigurerad, så Motpart körs här i terminalen. ${knowledgeSummary(rt.knowledge.current().stats)}`,
  });
  await rt.close();
}

main().catch((err: unknown) => exitWithFailure(failureMessage(err, 'starta')));
