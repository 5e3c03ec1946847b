/** What every Slack listener shares: the deps, the texts users see on failures, and `guarded`. */
import type { Motpart } from '../../../core/motpart.js';
import type { Asker } from '../../../core/ports.js';
import type { Action, Reply } from '../../../core/reply.js';
import { safeError, type Logger } from '../../../logger.js';
import { afterAcknowledgements } from '../../acknowledgements.js';
import { encodeAction } from '../actions.js';

export interface ListenerDeps {
  motpart: Motpart;
  logger: Logger;
}

export const FAILURE_TEXT = 'Något gick fel hos Motpart. Försök igen om en stund. Fortsätter felet: kontakta den som förvaltar Motpart i er kommun.';
export const NOT_IN_CHANNEL_TEXT = 'Motpart är inte med i den här kanalen. Bjud in appen med `/invite @Motpart` och försök igen.';
export const BAD_BUTTON_TEXT = 'Knappen gick inte att läsa. Ställ frågan igen, t.ex. med `/sekretess` eller `/motpart`.';
export const STALE_CHECKLIST_TEXT = 'Checklistan gick inte att läsa. Skriv `/checklista` och namnet igen för att fortsätta där ni var.';
export const DELETE_HINT = 'Ditt meddelande syns för alla i kanalen. Ta bort det: håll på meddelandet (eller … ) > Ta bort meddelande.';

/** Slack's own markup in message text: mentions, channel links, links and entities. The core wants words. */
export function plainText(raw: string): string {
  return raw
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<[^>|]+\|([^>]*)>/g, '$1')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export const asker = (userId: string, conversationId: string, displayName?: string): Asker => ({
  platform: 'slack',
  userId,
  conversationId,
  ...(displayName ? { displayName } : {}),
});

export const slackError = (err: unknown): unknown => (err as { data?: { error?: unknown } } | undefined)?.data?.error;
export const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);

function failureText(err: unknown): string {
  return NOT_IN_CHANNEL.has(String(slackError(err))) ? NOT_IN_CHANNEL_TEXT : FAILURE_TEXT;
}

export const shareAction = (text: string): Extract<Action, { type: 'share' }> | undefined => {
  const action = { type: 'share' as const, text };
  return encodeAction(action) === undefined ? undefined : action;
};

export const withNotice = (reply: Reply, text: string): Reply => ({ ...reply, parts: [...reply.parts, { type: 'notice', level: 'info', text }] });

/** Runs the work once queued acknowledgements are out (see afterAcknowledgements); a failure is logged without user text and the user gets a short Swedish note. */
export type Guarded = (kind: string, tell: (text: string) => Promise<unknown>, work: () => Promise<void>) => Promise<void>;

export function guardedBy(logger: Logger): Guarded {
  return async (kind, tell, work) => {
    try {
      await afterAcknowledgements(work);
    } catch (err) {
      logger.error({ err: safeError(err), kind }, 'slack: could not answer');
      try {
        await tell(failureText(err));
      } catch (tellErr) {
        logger.error({ err: safeError(tellErr), kind }, 'slack: could not tell the user about the failure');
      }
    }
  };
}

/** What each listener module is registered with. */
export interface Listening {
  deps: ListenerDeps;
  logger: Logger;
  guarded: Guarded;
}
