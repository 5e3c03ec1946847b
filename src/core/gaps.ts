/**
 * The gap log: questions Motpart could not answer with confidence, so editors know what to write
 * next. Only redacted text is stored: no personal numbers, e-mail addresses, phone numbers or names.
 */
import type { Knowledge } from './knowledge/knowledge.js';
import type { Context } from './context.js';
import { fold } from './text/normalise.js';
import { redact } from './text/pii.js';

/** A capitalised word is taken for a name unless the knowledge knows it (places, terms, abbreviations). */
export function redactForStorage(knowledge: Knowledge, text: string): string {
  return redact(text, (word) => {
    if (word.length > 1 && word === word.toUpperCase()) return false;
    const folded = fold(word);
    return !knowledge.isKnownWord(folded) && !knowledge.areas.hasNameWord(folded) && !knowledge.areas.hasNameWord(folded.replace(/s$/, ''));
  });
}

/** Records a gap; a store that is down must not stop the answer, so failures are only logged. */
export async function recordGap(ctx: Context, text: string, intent: string): Promise<void> {
  try {
    await ctx.store.gaps.record({ question: redactForStorage(ctx.knowledge, text), intent, at: ctx.now.toISOString() });
  } catch (err) {
    ctx.logger?.warn({ err: err instanceof Error ? err.name : 'unknown', intent }, 'gap not recorded');
  }
}
