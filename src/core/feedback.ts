/** 👍/👎 under every directory and guidance answer; the store keeps the votes for the editors. */
import type { Context } from './context.js';
import { reply, type Button, type Reply } from './reply.js';

export function feedbackButtons(target: 'snippet' | 'directory', targetId: string): Button[] {
  return [
    { label: '👍 Till hjälp', action: { type: 'feedback', target, targetId, helpful: true } },
    { label: '👎 Inte till hjälp', action: { type: 'feedback', target, targetId, helpful: false } },
  ];
}

/** Throws StoreUnavailableError when the vote cannot be saved; the caller answers that. */
export async function recordFeedback(ctx: Context, target: 'snippet' | 'directory', targetId: string, helpful: boolean): Promise<Reply> {
  await ctx.store.feedback.record({ target, targetId, helpful, by: ctx.asker.userId, at: ctx.now.toISOString() });
  return reply({
    intent: target === 'snippet' ? 'guidance' : 'directory',
    headline: 'Tack för återkopplingen!',
    parts: [{ type: 'text', text: helpful ? 'Skönt att svaret hjälpte.' : 'Tack. Redaktörerna ser vilka svar som behöver bli bättre.' }],
  });
}
