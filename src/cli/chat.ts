/**
 * The interactive console (`motpart chat`, `npm start` without platform credentials).
 *
 * - A number ticks that step of the open checklist ("3 4" ticks two); the numbers stay the same
 *   after every reply, because they are the steps' own numbers.
 * - A letter presses that suggestion or button of the last reply.
 * - "avsluta" closes the open checklist (after a "ja"); "hejdå", "quit" or Ctrl-D ends the program.
 * - Text is wrapped at word boundaries to the terminal's width.
 */
import readline from 'node:readline';
import type { Motpart } from '../core/motpart.js';
import type { Asker } from '../core/ports.js';
import { openChecklist, pressables, renderText, wrapText } from '../core/render/text.js';
import type { Action, ChecklistView, Reply } from '../core/reply.js';

/** Ends the program. "avsluta" is not one of them: it closes a checklist. */
const QUIT = /^(?:hejdå|hej då|hejda|hej da|quit|exit|\/quit|\/exit|:q)$/i;
const CLOSE = /^(?:avsluta|avsluta checklistan|\/avsluta)$/i;
const YES = /^(?:ja|j|yes|y)$/i;
/** Step numbers: "3", "3 4", "3,4", "3, 4 och 5". */
const NUMBERS = /^\d{1,3}(?:\s*(?:,|\s|och)\s*\d{1,3})*$/i;
const LETTER = /^[a-z]{1,2}$/i;

export const CONSOLE_HELP =
  // A no-break space keeps "3 4" on one line when the text is wrapped.
  'Skriv en fråga. Skriv siffran för en punkt i checklistan för att bocka av den ("3\u00a04" bockar av två), ' +
  'bokstaven för ett förslag eller en knapp, "avsluta" för att avsluta checklistan och "hejdå" (eller Ctrl-D) för att sluta.';

export interface ChatOptions {
  motpart: Motpart;
  asker: Asker;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Shown once at the start, e.g. what knowledge is loaded. */
  banner?: string;
  /** Columns to wrap at; default: the terminal's width, else COLUMNS, else no wrapping. */
  width?: number;
}

function terminalWidth(output: NodeJS.WritableStream, fixed: number | undefined): number | undefined {
  if (fixed) return fixed;
  const columns = (output as NodeJS.WriteStream).columns;
  if (columns && columns > 0) return columns;
  const env = Number(process.env.COLUMNS);
  return Number.isFinite(env) && env > 0 ? env : undefined;
}

export function runChat({ motpart, asker, input, output, banner, width }: ChatOptions): Promise<void> {
  const terminal = Boolean((output as NodeJS.WriteStream).isTTY);
  const rl = readline.createInterface({ input, output, terminal, historySize: 500, prompt: 'du> ' });
  const columns = () => terminalWidth(output, width);
  const write = (text: string) => {
    const w = columns();
    output.write(w ? wrapText(text, w) : text);
  };
  const show = (reply: Reply) => write(`\n${renderText(reply, { width: columns() })}\n`);
  write(`Motpart – fråga om motparter, vad som får delas och checklistor.\n${banner ? `${banner}\n` : ''}${CONSOLE_HELP}\n\n`);

  let last: Reply | undefined;
  /** The checklist the numbers tick: the last open one shown, until it is closed. */
  let checklist: ChecklistView | undefined;
  let confirmingClose = false;
  // Lines are handled one at a time, in order, even when pasted together.
  let queue = Promise.resolve();

  const answer = async (input: { text: string } | { action: Action }) => {
    last = await motpart.handle(input, asker);
    const shown = last.parts.find((p) => p.type === 'checklist');
    if (shown?.type === 'checklist') checklist = openChecklist(last) ?? (shown.checklist.runId === checklist?.runId ? undefined : checklist);
    show(last);
  };

  const handleLine = async (text: string) => {
    if (confirmingClose) {
      confirmingClose = false;
      if (YES.test(text) && checklist) {
        await answer({ action: { type: 'checklist.close', runId: checklist.runId } });
        return;
      }
      write('Checklistan är kvar öppen.\n\n');
      if (YES.test(text) || /^(?:nej|n|no)$/i.test(text)) return;
    }
    if (CLOSE.test(text)) {
      if (!checklist) {
        write('Ingen checklista är öppen här. Skriv "hejdå" för att sluta.\n\n');
        return;
      }
      confirmingClose = true;
      write(`Avsluta checklistan "${checklist.title}"? Den kan inte bockas av mer. Skriv "ja" för att avsluta.\n`);
      return;
    }
    if (NUMBERS.test(text)) {
      if (!checklist) {
        write('Ingen checklista är öppen här. Starta en med "/checklista namn"; förslag väljs med bokstaven.\n\n');
        return;
      }
      const steps = [...new Set(text.match(/\d+/g)!.map(Number))];
      const unknown = steps.filter((n) => n < 1 || n > checklist!.items.length);
      if (unknown.length > 0) {
        write(`Checklistan har punkterna 1–${checklist.items.length}.\n\n`);
        return;
      }
      let latest: Reply | undefined;
      const runId = checklist.runId;
      const items = checklist.items;
      for (const n of steps) latest = await motpart.handle({ action: { type: 'checklist.toggle', runId, itemId: items[n - 1]!.id } }, asker);
      last = latest!;
      checklist = openChecklist(last);
      show(last);
      return;
    }
    const pressed = LETTER.test(text) && last ? pressables(last).find((p) => p.key === text.toLowerCase()) : undefined;
    if (pressed) {
      await answer({ action: pressed.action });
      return;
    }
    await answer({ text });
  };

  return new Promise((resolve) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const text = line.trim();
        if (QUIT.test(text)) {
          rl.close();
          return;
        }
        if (text !== '') await handleLine(text);
        rl.prompt();
      });
    });
    rl.on('close', () => {
      void queue.then(() => {
        output.write('Hej då!\n');
        resolve();
      });
    });
    rl.prompt();
  });
}
