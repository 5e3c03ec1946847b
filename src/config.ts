/**
 * Environment variables, validated once at start. Every variable here is documented in the README.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_KNOWLEDGE_MAX_BYTES } from './knowledge/loader.js';

// Runs from src/ under vitest and from dist/src/ when built; the shipped knowledge sits at the project root.
const srcDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.basename(path.dirname(srcDir)) === 'dist' ? path.resolve(srcDir, '../..') : path.resolve(srcDir, '..');

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), 'ska börja med xoxb- (Bot User OAuth Token)'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), 'ska börja med xapp- (App-Level Token för Socket Mode)'),
  SLACK_API_URL: optionalString.pipe(z.string().url('ska vara en URL, t.ex. http://127.0.0.1:4000/api/').optional()),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /**
   * `off` mounts /api/messages without Bot Framework authentication, for local clients (Agents
   * Playground) and tests: the server then listens on loopback only and replies only to loopback
   * service URLs. Anything else is a mistake worth stopping for, so only `on` and `off` are accepted.
   */
  MOTPART_TEAMS_AUTH: z.enum(['on', 'off'], 'ska vara on eller off').default('on'),
  REDIS_URL: optionalString.pipe(z.string().url('ska vara en redis://-URL').optional()),
  MOTPART_KNOWLEDGE_DIR: optionalString,
  MOTPART_DATA_DIR: optionalString,
  /** Knowledge files larger than this are refused unread: real ones are far smaller, and reading a huge one costs seconds and gigabytes. */
  MOTPART_KNOWLEDGE_MAX_BYTES: z.coerce
    .number()
    .int('ska vara ett heltal (byte)')
    .positive('ska vara större än 0')
    .default(DEFAULT_KNOWLEDGE_MAX_BYTES),
  /** Comma-separated platform user ids allowed to see the health report in chat: slack:<member id>, teams:<Entra object id>. Empty: nobody in chat (the console always may). */
  MOTPART_ADMINS: optionalString,
  /**
   * Comma-separated `<organisation id>:<platform>:<user id>` (or `*:` for every organisation): who may
   * approve and make changes to the directory from the chat, besides `editors:` in organisations.yaml.
   */
  MOTPART_EDITORS: optionalString.pipe(
    z
      .string()
      .regex(
        /^\s*(?:[a-z0-9][a-z0-9-]*|\*):(?:slack|teams):[^\s:,]+\s*(?:,\s*(?:[a-z0-9][a-z0-9-]*|\*):(?:slack|teams):[^\s:,]+\s*)*$/,
        'ska vara kommaseparerade <organisations-id>:<plattform>:<användar-id>, t.ex. malmo-socialtjanst:slack:U012AB3CD,*:teams:<Entra-objekt-id>',
      )
      .optional(),
  ),
  /** Slack channel id (C…) for the editors' weekly digest; unset: no digest in Slack. */
  MOTPART_DIGEST_SLACK_CHANNEL: optionalString.pipe(z.string().regex(/^[CGD][A-Z0-9]+$/, 'ska vara ett kanal-id som C012AB3CD (kanalens detaljer i Slack)').optional()),
  /** Teams conversation id (19:…@thread.tacv2) for the digest, with the service URL the bot reaches it (and the functions' `reminders.teams`) at. */
  MOTPART_DIGEST_TEAMS_CONVERSATION: optionalString,
  MOTPART_DIGEST_TEAMS_SERVICE_URL: optionalString.pipe(z.string().url('ska vara en URL, t.ex. https://smba.trafficmanager.net/emea/').optional()),
  /** When the weekly digest is posted, local time: weekday and time. */
  MOTPART_DIGEST_AT: z
    .string()
    .trim()
    .regex(/^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$/, 'ska vara veckodag och tid, t.ex. "mon 08:00" (mon, tue, wed, thu, fri, sat, sun)')
    .default('mon 08:00'),
  MOTPART_TIMEZONE: z.string().default('Europe/Stockholm'),
  /** Messages and button presses per user and minute; far above what a person does by hand. 0 turns it off. */
  MOTPART_RATE_LIMIT: z.coerce.number().int('ska vara ett heltal').min(0, 'får inte vara negativt').default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = ReturnType<typeof loadConfig>;

export type TeamsConfig =
  | { auth: 'bot-framework'; appId: string; appPassword: string | undefined; tenantId: string | undefined; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' }
  | { auth: 'off' };

function teamsConfig(e: z.infer<typeof envSchema>): TeamsConfig | undefined {
  if (e.MICROSOFT_APP_ID) {
    return { auth: 'bot-framework', appId: e.MICROSOFT_APP_ID, appPassword: e.MICROSOFT_APP_PASSWORD, tenantId: e.MICROSOFT_APP_TENANT_ID, appType: e.MICROSOFT_APP_TYPE };
  }
  return e.MOTPART_TEAMS_AUTH === 'off' ? { auth: 'off' } : undefined;
}

/** "malmo-socialtjanst:slack:U1,*:teams:abc" → organisation (or `*`) → `platform:userId`. */
function parseEditors(value: string | undefined): ReadonlyMap<string, ReadonlySet<string>> {
  const editors = new Map<string, Set<string>>();
  for (const entry of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [organisation, ...identity] = entry.split(':');
    const set = editors.get(organisation!) ?? new Set<string>();
    editors.set(organisation!, set.add(identity.join(':')));
  }
  return editors;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Felaktig miljövariabel:\n${lines.join('\n')}\nRätta värdet (se README, avsnittet Konfiguration) och starta igen.`);
  }
  const e = parsed.data;
  if (Boolean(e.SLACK_BOT_TOKEN) !== Boolean(e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    throw new ConfigError('Slack kräver SLACK_BOT_TOKEN tillsammans med SLACK_SIGNING_SECRET (HTTP) eller SLACK_APP_TOKEN (Socket Mode). Sätt båda eller ingen.');
  }
  if (e.MICROSOFT_APP_ID && e.MOTPART_TEAMS_AUTH === 'off') {
    throw new ConfigError('MICROSOFT_APP_ID och MOTPART_TEAMS_AUTH=off går inte ihop: med app-id kräver Teams inloggning. Ta bort MOTPART_TEAMS_AUTH=off, eller app-id för lokal körning.');
  }
  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError('MICROSOFT_APP_ID är satt men MICROSOFT_APP_PASSWORD saknas. Sätt lösenordet (client secret) eller ta bort app-id för lokal körning.');
  }
  if (e.MOTPART_DIGEST_TEAMS_CONVERSATION && !e.MOTPART_DIGEST_TEAMS_SERVICE_URL) {
    throw new ConfigError('MOTPART_DIGEST_TEAMS_CONVERSATION kräver MOTPART_DIGEST_TEAMS_SERVICE_URL: tjänstens URL, som står i aktiviteterna boten får därifrån (serviceUrl). Sätt den, eller ta bort konversationen.');
  }
  if (e.MOTPART_DIGEST_SLACK_CHANNEL && !e.SLACK_BOT_TOKEN) throw new ConfigError('MOTPART_DIGEST_SLACK_CHANNEL kräver Slack (SLACK_BOT_TOKEN). Sätt Slack eller ta bort kanalen.');
  if (e.MOTPART_DIGEST_TEAMS_SERVICE_URL && !teamsConfig(e)) throw new ConfigError('MOTPART_DIGEST_TEAMS_CONVERSATION och MOTPART_DIGEST_TEAMS_SERVICE_URL kräver Teams (MICROSOFT_APP_ID). Sätt Teams eller ta bort dem.');
  return {
    port: e.PORT,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
      : undefined,
    /** Teams is mounted only when configured: with an app id (authenticated), or explicitly without authentication. */
    teams: teamsConfig(e),
    /** Without authentication nothing outside this machine may reach the bot. */
    host: e.MOTPART_TEAMS_AUTH === 'off' ? '127.0.0.1' : '0.0.0.0',
    redisUrl: e.REDIS_URL,
    knowledgeDir: path.resolve(e.MOTPART_KNOWLEDGE_DIR ?? path.join(projectRoot, 'knowledge')),
    knowledgeMaxBytes: e.MOTPART_KNOWLEDGE_MAX_BYTES,
    dataDir: path.resolve(e.MOTPART_DATA_DIR ?? 'data'),
    admins: new Set((e.MOTPART_ADMINS ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    editors: parseEditors(e.MOTPART_EDITORS),
    /** The editors' weekly digest: when, and where (none: no digest). */
    digest: {
      at: e.MOTPART_DIGEST_AT,
      slackChannel: e.MOTPART_DIGEST_SLACK_CHANNEL,
      teamsConversation: e.MOTPART_DIGEST_TEAMS_CONVERSATION,
      /** Where the bot reaches the editors' conversation and the functions' own (`reminders.teams` in the knowledge). */
      teamsServiceUrl: e.MOTPART_DIGEST_TEAMS_SERVICE_URL,
    },
    timezone: e.MOTPART_TIMEZONE,
    rateLimit: e.MOTPART_RATE_LIMIT > 0 ? { max: e.MOTPART_RATE_LIMIT, windowMs: 60_000 } : undefined,
    logLevel: e.LOG_LEVEL,
    /** True when any chat platform is configured; `npm start` then runs the server instead of the console. */
    hasPlatform: Boolean(e.SLACK_BOT_TOKEN || e.MICROSOFT_APP_ID || e.MOTPART_TEAMS_AUTH === 'off'),
  };
}
