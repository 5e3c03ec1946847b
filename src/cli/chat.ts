/**
 * The interactive console (`motpart chat`, `npm start` without platform credentials). Typing a
 * number presses the suggestion or button with that number; "avsluta" or Ctrl-D ends.
 */
import readline from 'node:readline';
import type { Motpart } from '../core/motpart.js';
import type { Asker } from '../core/ports.js';
import { pressables, renderText } from '../core/render/text.js';
import type { Reply } from '../core/reply.js';

const QUIT = /^(?:avsluta|sluta|exit|quit|\/avsluta)$/i;

export interface ChatOptions {
  motpart: Motpart;
  asker: Asker;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Shown once at the start, e.g. what knowledge is loaded. */
  banner?: string;
}

export function runChat({ motpart, asker, input, output, banner }: ChatOptions): Promise<void> {
  const terminal = Boolean((output as NodeJS.WriteStream).isTTY);
  const rl = readline.createInterface({ input, output, terminal, historySize: 500, prompt: 'du> ' });
  const write = (text: string) => output.write(text);
  write(`Motpart – fråga om motparter, vad som får delas och checklistor.\n${banner ? `${banner}\n` : ''}Skriv en siffra för att välja ett förslag, "hjälp" för exempel och "avsluta" för att sluta.\n\n`);
  let last: Reply | undefined;
  // Lines are handled one at a time, in order, even when pasted together.
  let queue = Promise.resolve();

  return new Promise((resolve) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const text = line.trim();
        if (QUIT.test(text)) {
          rl.close();
          return;
        }
        if (text === '') {
          rl.prompt();
          return;
        }
        const pressed = /^\d{1,2}$/.test(text) && last ? pressables(last)[Number(text) - 1] : undefined;
        last = await motpart.handle(pressed ? { action: pressed.action } : { text }, asker);
        write(`\n${renderText(last)}\n`);
        rl.prompt();
      });
    });
    rl.on('close', () => {
      void queue.then(() => {
        write('Hej då!\n');
        resolve();
      });
    });
    rl.prompt();
  });
}
