/**
 * Teams has no slash commands: the manifest's commandLists insert the command word as message
 * text. This turns "sekretess 18a" or "/checklista sig" into the core's Input.
 */
import { TEAMS_COMMAND_WORDS } from '../../core/commands.js';
import type { Input } from '../../core/motpart.js';

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
    // Command words, folded (no å/ä/ö, lower case); some are only commands when typed alone:
    // "hjälp mig hitta kommunpolisen" is a question.
    const command = TEAMS_COMMAND_WORDS.get(word);
    if (command && !command.alone) return { text: rest, command: command.command };
    if (command && rest === '') return { text: '', command: command.command };
  }
  return { text };
}
