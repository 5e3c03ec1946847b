/**
 * 👍/👎 under every directory and guidance answer; the store keeps the votes for the editors.
 *
 * A vote updates the answer in place: the buttons carry the question that was answered, so the
 * core can give the same answer again with "Tack – registrerat" where the buttons were, and the
 * adapters replace the pressed message with it instead of posting a new one per press. One
 * person's vote on one answer counts once a day, however often the button is pressed.
 */
import type { Context } from './context.js';
import { reply, type Action, type Button, type Reply } from './reply.js';

type FeedbackAction = Extract<Action, { type: 'feedback' }>;

export const THANKS = 'Tack – registrerat.';
export const ALREADY_THANKED = 'Tack – din röst på det här svaret är redan registrerad.';

/** Questions longer than this are not carried in the buttons (Slack button values hold 2,000 characters). */
const MAX_CARRIED_QUESTION = 500;
/** Within this window a second vote by the same person on the same answer is not counted. */
const ONE_VOTE_MS = 24 * 60 * 60 * 1000;

export function feedbackButtons(target: 'snippet' | 'directory', targetId: string): Button[] {
  return [
    { label: '👍 Till hjälp', action: { type: 'feedback', target, targetId, helpful: true } },
    { label: '👎 Inte till hjälp', action: { type: 'feedback', target, targetId, helpful: false } },
  ];
}

/** The question the reply answers, carried in its feedback buttons so a vote can update it in place. */
export function withFeedbackQuestion(answer: Reply, question: string): Reply {
  const q = question.trim();
  if (q === '' || q.length > MAX_CARRIED_QUESTION || !answer.buttons.some((b) => b.action.type === 'feedback')) return answer;
  return {
    ...answer,
    buttons: answer.buttons.map((b) => (b.action.type === 'feedback' ? { ...b, action: { ...b.action, question: q } } : b)),
  };
}

async function alreadyVoted(ctx: Context, a: FeedbackAction): Promise<boolean> {
  const since = ctx.now.getTime() - ONE_VOTE_MS;
  const votes = await ctx.store.feedback.list();
  return votes.some((v) => v.target === a.target && v.targetId === a.targetId && v.by === ctx.asker.userId && Date.parse(v.at) >= since);
}

/**
 * Throws StoreUnavailableError when the vote cannot be saved; the caller answers that. The id comes
 * back from a button, so only ids the knowledge knows are stored: a forged or outdated one is not
 * something the editors can act on, and free text must not reach the store this way.
 * `answerAgain` gives the answer to the carried question, which is shown again with the thanks.
 */
export async function recordFeedback(ctx: Context, a: FeedbackAction, answerAgain?: (question: string) => Promise<Reply>): Promise<Reply> {
  const { target, targetId, helpful } = a;
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
  const counted = !(await alreadyVoted(ctx, a));
  if (counted) await ctx.store.feedback.record({ target, targetId, helpful, by: ctx.asker.userId, at: ctx.now.toISOString() });
  const thanks = counted ? THANKS : ALREADY_THANKED;
  if (a.question && answerAgain) {
    const again = await answerAgain(a.question);
    return {
      ...again,
      parts: [...again.parts, { type: 'notice', level: 'info', text: thanks }],
      buttons: again.buttons.filter((b) => b.action.type !== 'feedback'),
    };
  }
  return reply({
    intent: target === 'snippet' ? 'guidance' : 'directory',
    headline: thanks,
    parts: [{ type: 'text', text: helpful ? 'Skönt att svaret hjälpte.' : 'Redaktörerna ser vilka svar som behöver bli bättre.' }],
  });
}

/** A vote that carries its question is answered by replacing the answer it was given on. */
export const updatesInPlace = (action: Action): boolean => action.type === 'feedback' && action.question !== undefined;
