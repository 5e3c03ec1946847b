/**
 * Teams has no slash commands: the manifest's commandLists insert the command word as message
 * text. This turns "sekretess 18a" or "/checklista sig" into the core's Input.
 */
import type { Command, Input } from '../../core/motpart.js';

/** Command words, folded (no å/ä/ö, lower case), that take the rest of the message as argument. */
const WITH_ARGUMENT: Record<string, Command> = {
  motpart: 'motpart',
  sekretess: 'sekretess',
  checklista: 'checklista',
};

/** Commands that are only commands when typed alone: "hjälp mig hitta kommunpolisen" is a question. */
const ALONE: Record<string, Command> = {
  hjalp: 'hjalp',
  help: 'hjalp',
  rapport: 'rapport',
};

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Teams text may carry markup (mentions, rich-text paste) and entities; the core wants plain words.
 * Mentions of other people are dropped whole: a colleague's name is not part of the question.
 */
export function plainText(raw: string): string {
  return raw
    .replace(/<at[^>]*>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

const fold = (word: string) => word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

export function toInput(raw: string): Extract<Input, { text: string }> {
  const text = plainText(raw);
  const match = /^\/?(\p{L}+)(?:\s+(.*))?$/u.exec(text);
  if (match) {
    const word = fold(match[1]!);
    const rest = match[2]?.trim() ?? '';
    const withArgument = WITH_ARGUMENT[word];
    if (withArgument) return { text: rest, command: withArgument };
    const alone = ALONE[word];
    if (alone && rest === '') return { text: '', command: alone };
  }
  return { text };
}
