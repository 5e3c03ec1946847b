/**
 * Microsoft Teams: POST /api/messages through botbuilder's CloudAdapter, mounted only when Teams is
 * configured. This folder is the only place in the code base that imports botbuilder.
 */
import type { ConfigurationBotFrameworkAuthentication as ConfigurationAuthentication, ConversationReference, TurnContext } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { TeamsConfig } from '../../config.js';
import type { Motpart } from '../../core/motpart.js';
import type { Reply } from '../../core/reply.js';
import { StoreUnavailableError, type Store } from '../../core/ports.js';
import { safeError, type Logger } from '../../logger.js';
import { RequestRejected, type RouteHandler } from '../../server.js';
import type { ChatAdapter } from '../chatAdapter.js';
import { requireCommonJs } from '../commonJs.js';
import { cardMessage, MotpartTeamsBot } from './bot.js';
import { boundedCredentials } from './credentials.js';
import { botRoute, type ActivityReceiver } from './http.js';
import { boundOpenIdMetadata } from './openIdMetadata.js';
import { personalChats } from './personalChats.js';

const { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication } = requireCommonJs('botbuilder') as typeof import('botbuilder');
const { AuthenticationConstants, AuthenticationError, ClaimsIdentity } = requireCommonJs('botframework-connector') as typeof import('botframework-connector');

export interface TeamsAdapterOptions {
  teams: TeamsConfig;
  motpart: Motpart;
  logger: Logger;
  /** Keeps the addresses of personal chats, so that the bot can write there first on any instance (see personalChats.ts). */
  store: Pick<Store, 'chats'>;
  /** Replaces Microsoft's OpenID metadata URL (channel and emulator tokens): a fake on loopback in tests, as SLACK_API_URL is for Slack. */
  openIdMetadataUrl?: string;
  /** Replaces Microsoft's login URL (the authority the bot's own token for replies comes from): a fake on loopback in tests. */
  loginUrl?: string;
  /**
   * Replaces the credentials the bot gets its own tokens with (for posting to the connector). For
   * tests: botbuilder's take tokens from Microsoft's login only (MSAL checks any other authority with
   * Microsoft's instance discovery, over https), so a test gives credentials whose tokens come from
   * an endpoint it controls.
   */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export const STORE_DOWN_TEXT = 'Motpart kan inte spara eller läsa checklistor just nu. Försök igen om en liten stund.';
export const FAILURE_TEXT = 'Något gick fel hos Motpart. Försök igen, eller fråga en kollega om det brådskar.';

/** A Bot Connector post that has not answered in this time is given up (and logged by the turn's error handler). */
export const CONNECTOR_TIMEOUT_MS = 5_000;
/**
 * How long authenticating a request may take. Checking a token needs Microsoft's OpenID metadata
 * and signing keys; when those cannot be fetched (DNS down, a hanging proxy), the request is
 * refused with 401 instead of waiting minutes. The fetch itself goes on in the background and fills
 * botbuilder's key cache for the requests after it.
 */
export const AUTHENTICATION_DEADLINE_MS = 900;

/**
 * Where the bot may post replies. With authentication, only to the service URL the channel's
 * token names in its `serviceurl` claim: anything else in an activity is forged, and posting there
 * would send the bot's credentials and answers to whoever forged it. Without authentication, only
 * to loopback, where the local client (Agents Playground, tests) listens.
 */
export function serviceUrlAllowed(teams: TeamsConfig, claimsIdentity: ClaimsIdentity, serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (teams.auth === 'off') return LOOPBACK.has(url.hostname);
  const claimed = claimsIdentity?.claims?.find((c) => c.type === AuthenticationConstants.ServiceUrlClaim)?.value;
  return typeof claimed === 'string' && sameUrl(claimed, url);
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

function sameUrl(claimed: string, url: URL): boolean {
  try {
    const a = new URL(claimed);
    return a.origin === url.origin && a.pathname.replace(/\/+$/, '') === url.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
}

/**
 * Puts a deadline on every call a connector client makes. botbuilder overwrites the request
 * policies its options could carry, so the policy goes into the client's own pipeline (a private
 * field of botbuilder's HTTP compatibility layer); the hanging-connector test in
 * test/reliability/http.test.ts fails if an upgrade moves it. The HTTP client aborts a request
 * whose `timeout` passes.
 */
function withDeadline(connector: ConnectorClient): ConnectorClient {
  const pipeline = (connector as unknown as { client?: { pipeline?: { addPolicy(policy: unknown): void } } }).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder ConnectorClient has no pipeline to put a deadline on');
  pipeline.addPolicy({
    name: 'motpartConnectorDeadline',
    sendRequest: (request: { timeout: number }, next: (request: unknown) => Promise<unknown>) => {
      if (!request.timeout) request.timeout = CONNECTOR_TIMEOUT_MS;
      return next(request);
    },
  });
  return connector;
}

/** Microsoft's endpoints, with the ones given replaced (tests point them at fakes on loopback). */
export interface MicrosoftEndpoints {
  openIdMetadataUrl?: string;
  loginUrl?: string;
}

/** Authentication as configured: Bot Framework tokens with an app id; none with MOTPART_TEAMS_AUTH=off. */
export function botFrameworkAuthentication(teams: TeamsConfig, logger: Logger, endpoints: MicrosoftEndpoints = {}, credentialsFactory?: ServiceClientCredentialsFactory): ConfigurationAuthentication {
  const { openIdMetadataUrl, loginUrl } = endpoints;
  // botbuilder takes endpoint settings all or nothing: the public cloud's, with the ones given replaced.
  const replaced =
    openIdMetadataUrl || loginUrl
      ? {
          ToChannelFromBotLoginUrl: loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {};
  const settings =
    teams.auth === 'off'
      ? {}
      : { MicrosoftAppId: teams.appId, MicrosoftAppPassword: teams.appPassword, MicrosoftAppTenantId: teams.tenantId, MicrosoftAppType: teams.appType, ...replaced };
  return new GuardedAuthentication(teams, logger, settings, credentialsFactory ?? boundedCredentials(teams, loginUrl));
}

type ConnectorFactory = ReturnType<ConfigurationAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = Parameters<ConfigurationAuthentication['createConnectorFactory']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationAuthentication['createUserTokenClient']>>;

/** Distinct (bot, service URL, audience) clients kept; Teams has a handful of service URLs per region. */
const MAX_CLIENTS = 256;

/**
 * botbuilder's authentication with what it lacks: a deadline on authenticating, a deadline on
 * every connector call, and no connector for a service URL the request does not vouch for.
 *
 * CloudAdapter also asks for a new ConnectorClient and UserTokenClient on every turn, and each
 * builds an HTTP pipeline and an HTTP client of its own: a new TCP (and TLS) connection per reply,
 * and a fifth of the CPU a Teams message costs. The clients depend only on the bot's app id, the
 * service URL and the audience (credentials and their token cache included), so they are kept.
 */
class GuardedAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(
    private readonly teams: TeamsConfig,
    private readonly logger: Logger,
    settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
  ) {
    super(settings, credentials);
  }

  private guarded(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) => {
        if (!serviceUrlAllowed(this.teams, claimsIdentity, serviceUrl)) {
          this.logger.warn({ authenticated: this.teams.auth !== 'off' }, 'teams: activity names a service URL its credentials do not vouch for; nothing is sent');
          return Promise.reject(new RequestRejected(403, 'serviceUrl not allowed'));
        }
        const key = `${appId}\n${serviceUrl}\n${audience ?? ''}`;
        let client = this.connectors.get(key);
        if (!client) {
          if (this.connectors.size >= MAX_CLIENTS) this.connectors.delete(this.connectors.keys().next().value!);
          client = factory.create(serviceUrl, audience).then(withDeadline);
          this.connectors.set(key, client);
          client.catch(() => this.connectors.delete(key));
        }
        return client;
      },
    } as ConnectorFactory;
  }

  override async authenticateRequest(...args: Parameters<ConfigurationAuthentication['authenticateRequest']>) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AuthenticationError('authentication did not finish in time', 401)), AUTHENTICATION_DEADLINE_MS);
    });
    const authenticating = super.authenticateRequest(...args);
    // Past the deadline nobody waits for it; its failure is already answered with 401.
    authenticating.catch(() => undefined);
    try {
      const result = await Promise.race([authenticating, deadline]);
      return result.connectorFactory ? { ...result, connectorFactory: this.guarded(result.connectorFactory, result.claimsIdentity) } : result;
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      // A token that cannot be checked (the metadata fetch failed: DNS, TLS, a bad answer) is not a valid one.
      this.logger.warn({ err: safeError(err) }, 'teams: could not check the token; refused');
      throw new AuthenticationError('token could not be checked', 401);
    } finally {
      clearTimeout(timer);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.guarded(super.createConnectorFactory(claimsIdentity), claimsIdentity);
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

/** CloudAdapter with its authenticate-and-run step reachable, for a route that validates the body itself (see http.ts). */
class ReceivingAdapter extends CloudAdapter implements ActivityReceiver {
  receive(...args: Parameters<ActivityReceiver['receive']>) {
    return this.processActivity(...args);
  }
}

/** Where the bot posts on its own initiative: a conversation it has been added to, and its service URL. */
export interface TeamsConversation {
  serviceUrl: string;
  conversationId: string;
}

/** Teams always receives over HTTP, so its route is always there. */
export interface TeamsAdapter extends ChatAdapter {
  readonly route: RouteHandler;
  /** Posts a reply to a conversation on the bot's own initiative (the weekly digest). */
  post(to: TeamsConversation, reply: Reply): Promise<void>;
  /** Writes a reply into a user's personal chat with the bot; false when no such chat is known (they never wrote to the bot). */
  notify(aadObjectId: string, reply: Reply): Promise<boolean>;
}

const MESSAGES_PATH = '/api/messages';

export function createTeamsAdapter(opts: TeamsAdapterOptions): TeamsAdapter {
  const logger = opts.logger.child({ adapter: 'teams' });
  if (opts.teams.auth !== 'off') boundOpenIdMetadata(logger);
  const adapter = new ReceivingAdapter(botFrameworkAuthentication(opts.teams, logger, { openIdMetadataUrl: opts.openIdMetadataUrl, loginUrl: opts.loginUrl }, opts.credentialsFactory));
  const chats = personalChats(opts.store, logger);
  const bot = new MotpartTeamsBot({ motpart: opts.motpart, logger, chats });

  /** Sends on the bot's own initiative. The service URL is vouched for by the operator (the digest's) or by the channel that sent it (a kept personal chat), as a channel's token vouches for its own. */
  async function proactive(reference: Partial<ConversationReference> & { serviceUrl: string }, reply: Reply): Promise<void> {
    const appId = opts.teams.auth === 'off' ? '' : opts.teams.appId;
    const identity = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }, { type: AuthenticationConstants.ServiceUrlClaim, value: reference.serviceUrl }], true);
    await adapter.continueConversationAsync(identity, { channelId: 'msteams', ...reference }, async (context) => {
      await context.sendActivity(cardMessage(reply, context.activity));
    });
  }

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const storeDown = error instanceof StoreUnavailableError;
    logger.error({ err: safeError(error), activityType: context.activity.type }, 'teams: turn failed');
    // An invoke expects a response body, not a chat message; botbuilder answers it with 500.
    if (context.activity.type === 'invoke') return;
    try {
      await context.sendActivity(storeDown ? STORE_DOWN_TEXT : FAILURE_TEXT);
    } catch (sendError) {
      logger.error({ err: safeError(sendError) }, 'teams: could not tell the user about the failure');
    }
  };

  let serving = false;
  return {
    platform: 'teams',
    path: MESSAGES_PATH,
    route: botRoute(adapter, (context) => bot.run(context), logger),
    // Nothing to connect to: every activity arrives over HTTP with its own token.
    start: async () => {
      serving = true;
    },
    stop: async () => {
      serving = false;
    },
    health: () => serving,
    post: (to, reply) => proactive({ serviceUrl: to.serviceUrl, conversation: { id: to.conversationId, isGroup: true, conversationType: 'channel', name: '' } }, reply),
    async notify(aadObjectId, reply) {
      const chat = await chats.find(aadObjectId);
      if (!chat) return false;
      const conversation = { id: chat.conversationId, isGroup: false, conversationType: 'personal', name: '', ...(chat.tenantId ? { tenantId: chat.tenantId } : {}) };
      await proactive({ serviceUrl: chat.serviceUrl, conversation }, reply);
      return true;
    },
  };
}
