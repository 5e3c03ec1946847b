/**
 * Slack events into core calls, Replies back out. Every listener acknowledges first and works
 * after, so Slack's 3-second deadline holds however slow the store or the search is. No business
 * rules here: what to answer is the core's decision, how it looks is blockKit.ts's. The listeners
 * are split by kind, as Bolt's starter template does (listeners/commands.ts, events.ts,
 * actions.ts, home.ts); where a reply goes is listeners/reply.ts.
 */
import type { App } from '@slack/bolt';
import { safeError } from '../../logger.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { registerHome } from './listeners/home.js';
import { guardedBy, type ListenerDeps } from './listeners/shared.js';

export { SLASH_COMMANDS } from './listeners/commands.js';
export { BAD_BUTTON_TEXT, DELETE_HINT, FAILURE_TEXT, NOT_IN_CHANNEL_TEXT, plainText, STALE_CHECKLIST_TEXT, type ListenerDeps } from './listeners/shared.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  const listening = { deps, logger: deps.logger, guarded: guardedBy(deps.logger) };
  registerCommands(app, listening);
  registerEvents(app, listening);
  registerActions(app, listening);
  registerHome(app, listening);
  app.error(async (error) => {
    deps.logger.error({ err: safeError(error) }, 'slack: unhandled error in Bolt');
  });
}
