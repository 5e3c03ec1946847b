/**
 * Microsoft Teams: POST /api/messages through botbuilder's CloudAdapter. The only place in the
 * code base that imports botbuilder.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../../config.js';
import type { Motpart } from '../../core/motpart.js';
import { StoreUnavailableError } from '../../core/ports.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Logger } from '../../logger.js';
import type { RouteHandler } from '../../server.js';
import { MotpartTeamsBot } from './bot.js';
import { botRoute } from './http.js';

export interface TeamsAdapterOptions {
  teams: Config['teams'];
  motpart: Motpart;
  logger: Logger;
  /** Part of the agreed adapter interface; the Teams adapter reaches the knowledge only through the core. */
  directory: () => Knowledge;
}

export const STORE_DOWN_TEXT = 'Motpart kan inte spara eller läsa checklistor just nu. Försök igen om en liten stund.';
export const FAILURE_TEXT = 'Något gick fel hos Motpart. Försök igen, eller fråga en kollega om det brådskar.';

/**
 * Without an app id, authentication is off, as for the Bot Framework Emulator: for local clients
 * (Agents Playground) and tests. With one, every request must carry a valid Bot Framework token.
 */
export function botFrameworkAuthentication(teams: Config['teams']): ConfigurationBotFrameworkAuthentication {
  if (!teams.appId) return new ConfigurationBotFrameworkAuthentication({});
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppTenantId: teams.tenantId,
    MicrosoftAppType: teams.appType,
  });
}

export function createTeamsAdapter(opts: TeamsAdapterOptions): { route: RouteHandler } {
  const logger = opts.logger.child({ adapter: 'teams' });
  const adapter = new CloudAdapter(botFrameworkAuthentication(opts.teams));
  const bot = new MotpartTeamsBot({ motpart: opts.motpart, logger });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const storeDown = error instanceof StoreUnavailableError;
    logger.error({ err: error, activityType: context.activity.type }, 'teams: turn failed');
    // An invoke expects a response body, not a chat message; botbuilder answers it with 500.
    if (context.activity.type === 'invoke') return;
    try {
      await context.sendActivity(storeDown ? STORE_DOWN_TEXT : FAILURE_TEXT);
    } catch (sendError) {
      logger.error({ err: sendError }, 'teams: could not tell the user about the failure');
    }
  };

  return { route: botRoute(adapter, (context) => bot.run(context), logger) };
}
