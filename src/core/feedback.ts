/** 👍/👎 under every directory and guidance answer; the store keeps the votes for the editors. */
import type { Context } from './context.js';
import { reply, type Button, type Reply } from './reply.js';

export function feedbackButtons(target: 'snippet' | 'directory', targetId: string): Button[] {
  return [
    { label: '👍 Till hjälp', action: { type: 'feedback', target, targetId, helpful: true } },
    { label: '👎 Inte till hjälp', action: { type: 'feedback', target, targetId, helpful: false } },
  ];
}

/**
 * Throws StoreUnavailableError when the vote cannot be saved; the caller answers that. The id comes
 * back from a button, so only ids the knowledge knows are stored: a forged or outdated one is not
 * something the editors can act on, and free text must not reach the store this way.
 */
export async function recordFeedback(ctx: Context, target: 'snippet' | 'directory', targetId: string, helpful: boolean): Promise<Reply> {
  const known = target === 'snippet' ? ctx.knowledge.guidance.get(targetId) : ctx.knowledge.functions.get(targetId);
  if (!known) {
    return reply({
      intent: target === 'snippet' ? 'guidance' : 'directory',
      headline: 'Svaret finns inte längre',
      ephemeral: true,
      confidence: 0,
      parts: [{ type: 'text', text: 'Svaret du betygsatte har ändrats sedan dess. Ställ frågan igen och betygsätt det nya svaret.' }],
    });
  }
  await ctx.store.feedback.record({ target, targetId, helpful, by: ctx.asker.userId, at: ctx.now.toISOString() });
  return reply({
    intent: target === 'snippet' ? 'guidance' : 'directory',
    headline: 'Tack för återkopplingen!',
    parts: [{ type: 'text', text: helpful ? 'Skönt att svaret hjälpte.' : 'Tack. Redaktörerna ser vilka svar som behöver bli bättre.' }],
  });
}
