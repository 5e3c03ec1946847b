/**
 * Microsoft Teams: POST /api/messages through botbuilder's CloudAdapter. The only place in the
 * code base that imports botbuilder.
 */
import type { ConfigurationBotFrameworkAuthentication as ConfigurationAuthentication, TurnContext } from 'botbuilder';
import type { Config } from '../../config.js';
import type { Motpart } from '../../core/motpart.js';
import { StoreUnavailableError } from '../../core/ports.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Logger } from '../../logger.js';
import type { RouteHandler } from '../../server.js';
import { requireCommonJs } from '../commonJs.js';
import { MotpartTeamsBot } from './bot.js';
import { botRoute } from './http.js';

const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = requireCommonJs('botbuilder') as typeof import('botbuilder');

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
export function botFrameworkAuthentication(teams: Config['teams']): ConfigurationAuthentication {
  if (!teams.appId) return new ReusingAuthentication({});
  return new ReusingAuthentication({
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppTenantId: teams.tenantId,
    MicrosoftAppType: teams.appType,
  });
}

type ConnectorFactory = ReturnType<ConfigurationAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = Parameters<ConfigurationAuthentication['createConnectorFactory']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationAuthentication['createUserTokenClient']>>;

/** Distinct (bot, service URL, audience) clients kept; Teams has a handful of service URLs per region. */
const MAX_CLIENTS = 256;

/**
 * CloudAdapter asks for a new ConnectorClient and UserTokenClient on every turn, and each builds an
 * HTTP pipeline and an HTTP client of its own: a new TCP (and TLS) connection per reply, and a
 * fifth of the CPU a Teams message costs. The clients depend only on the bot's app id, the service
 * URL and the audience (credentials and their token cache included), so they are kept and reused.
 */
class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = `${appId}\n${serviceUrl}\n${audience ?? ''}`;
        let client = this.connectors.get(key);
        if (!client) {
          if (this.connectors.size >= MAX_CLIENTS) this.connectors.delete(this.connectors.keys().next().value!);
          client = factory.create(serviceUrl, audience);
          this.connectors.set(key, client);
          client.catch(() => this.connectors.delete(key));
        }
        return client;
      },
    } as ConnectorFactory;
  }

  override async authenticateRequest(...args: Parameters<ConfigurationAuthentication['authenticateRequest']>) {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity);
    let client = this.userTokenClients.get(key);
    if (!client) {
      if (this.userTokenClients.size >= MAX_CLIENTS) this.userTokenClients.delete(this.userTokenClients.keys().next().value!);
      client = super.createUserTokenClient(claimsIdentity);
      this.userTokenClients.set(key, client);
      client.catch(() => this.userTokenClients.delete(key));
    }
    return client;
  }
}

/** The app id a request's claims are for (audience for a channel's token, appid/azp for a skill's); '' when authentication is off. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  const claims = claimsIdentity?.claims ?? [];
  return [claims.find((c) => c.type === 'aud')?.value, claims.find((c) => c.type === 'appid' || c.type === 'azp')?.value].join('\n');
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
