/**
 * manifest.json against the documented Slack app manifest fields (the descriptions and limits in
 * @slack/web-api's Manifest type, docs.slack.dev/reference/app-manifest), and against what the
 * adapter actually listens to: every command and event it handles, the smallest scopes they need.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENTS_PATH } from '../../src/adapters/slack/index.js';
import { SLASH_COMMANDS } from '../../src/adapters/slack/listeners.js';

const https = z.string().url().startsWith('https://');

const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.union([z.literal(1), z.literal(2)]), minor_version: z.number().int().min(0).optional() }).optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140).optional(),
    // Slack refuses a long description shorter than 175 characters.
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/).optional(),
  }),
  features: z
    .strictObject({
      app_home: z.strictObject({ home_tab_enabled: z.boolean().optional(), messages_tab_enabled: z.boolean().optional(), messages_tab_read_only_enabled: z.boolean().optional() }).optional(),
      bot_user: z.strictObject({ display_name: z.string().min(1).max(80).regex(/^[a-z0-9._-]+$/), always_online: z.boolean().optional() }).optional(),
      shortcuts: z.array(z.strictObject({ type: z.enum(['global', 'message']), name: z.string(), callback_id: z.string().max(255), description: z.string().max(150) })).max(10).optional(),
      slash_commands: z
        .array(
          z.strictObject({
            command: z.string().regex(/^\/[a-z0-9_-]+$/).max(32),
            description: z.string().min(1).max(2000),
            should_escape: z.boolean().optional(),
            url: https.optional(),
            usage_hint: z.string().max(1000).optional(),
          }),
        )
        .max(50)
        .optional(),
      unfurl_domains: z.array(z.string()).max(5).optional(),
    })
    .optional(),
  oauth_config: z
    .strictObject({
      redirect_urls: z.array(https).max(1000).optional(),
      scopes: z.strictObject({ bot: z.array(z.string().regex(/^[a-z_.]+(:[a-z_.]+)?$/)).max(255).optional(), user: z.array(z.string()).max(255).optional() }).optional(),
      token_management_enabled: z.boolean().optional(),
    })
    .optional(),
  settings: z
    .strictObject({
      allowed_ip_address_ranges: z.array(z.string()).max(50).optional(),
      event_subscriptions: z.strictObject({ request_url: https.optional(), bot_events: z.array(z.string()).max(100).optional(), user_events: z.array(z.string()).max(100).optional() }).optional(),
      interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: https.optional(), message_menu_options_url: https.optional() }).optional(),
      org_deploy_enabled: z.boolean().optional(),
      socket_mode_enabled: z.boolean().optional(),
      token_rotation_enabled: z.boolean().optional(),
    })
    .optional(),
});

type Manifest = z.infer<typeof manifestSchema>;

function load(): Manifest {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync('manifest.json', 'utf8')));
  if (!parsed.success) throw new Error(`manifest.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The scope each subscribed event or feature needs (docs.slack.dev/reference/events, /reference/scopes). */
const SCOPE_FOR_EVENT: Record<string, string | undefined> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  // App Home events and views.publish need no scope.
  app_home_opened: undefined,
};

describe('manifest.json', () => {
  const manifest = load();

  it('is a valid Slack app manifest by the documented fields and limits', () => {
    expect(manifest.display_information.name).toBe('Motpart');
  });

  it('declares exactly the slash commands the adapter handles, in Swedish with usage hints', () => {
    const commands = manifest.features?.slash_commands ?? [];
    expect(commands.map((c) => c.command).sort()).toEqual(Object.keys(SLASH_COMMANDS).sort());
    for (const c of commands) {
      expect(c.description).toMatch(/[åäö]/);
      expect(c.usage_hint).toMatch(/t\.ex\./);
      expect(c.url).toBe(`https://example.org${EVENTS_PATH}`);
    }
  });

  it('subscribes to the events the adapter listens to and no others', () => {
    expect(manifest.settings?.event_subscriptions?.bot_events?.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.settings?.event_subscriptions?.request_url).toBe(`https://example.org${EVENTS_PATH}`);
    expect(manifest.settings?.interactivity).toEqual({ is_enabled: true, request_url: `https://example.org${EVENTS_PATH}` });
  });

  it('asks for the smallest set of bot scopes that works', () => {
    const scopes = new Set(manifest.oauth_config?.scopes?.bot);
    const needed = new Set([
      'commands', // slash commands
      'chat:write', // chat.postMessage, chat.update, chat.postEphemeral, posting to the App Home's Messages tab
      ...Object.values(SCOPE_FOR_EVENT).filter((s): s is string => s !== undefined),
    ]);
    expect(scopes).toEqual(needed);
    expect(manifest.oauth_config?.scopes?.user).toBeUndefined();
  });

  it('has the Home and Messages tabs, a bot user, and Socket Mode on for development', () => {
    expect(manifest.features?.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.features?.bot_user?.display_name).toBe('motpart');
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
  });

  it('is refused by the schema when a field is misspelt or too long', () => {
    const raw = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, any>;
    expect(manifestSchema.safeParse({ ...raw, settings: { ...raw.settings, socket_mode: true } }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...raw, display_information: { ...raw.display_information, name: 'M'.repeat(36) } }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...raw, features: { ...raw.features, bot_user: { display_name: 'Motpart Bot' } } }).success).toBe(false);
  });
});
