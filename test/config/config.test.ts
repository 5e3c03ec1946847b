/**
 * The environment as an operator sets it: defaults that run with nothing set, and a wrong value
 * stopped with the variable's name and what to do.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('runs on defaults with nothing set: port 3978, embedded store, no platform, 60 messages a minute', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3978, hasPlatform: false, timezone: 'Europe/Stockholm', rateLimit: { max: 60, windowMs: 60_000 } });
    expect(c.redisUrl).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.admins.size).toBe(0);
  });

  it('reads admins and turns the rate limit off with 0', () => {
    const c = loadConfig({ MOTPART_ADMINS: 'slack:U123, teams:00000000-0000-0000-0000-000000000001', MOTPART_RATE_LIMIT: '0' });
    expect([...c.admins]).toEqual(['slack:U123', 'teams:00000000-0000-0000-0000-000000000001']);
    expect(c.rateLimit).toBeUndefined();
  });

  it('reads directory editors per organisation, and * for every organisation', () => {
    const c = loadConfig({ MOTPART_EDITORS: 'malmo-socialtjanst:slack:UEDIT, malmo-socialtjanst:teams:aad-edit,*:slack:UCHEF' });
    expect(Object.fromEntries([...c.editors].map(([org, ids]) => [org, [...ids]]))).toEqual({
      'malmo-socialtjanst': ['slack:UEDIT', 'teams:aad-edit'],
      '*': ['slack:UCHEF'],
    });
    expect(loadConfig({}).editors.size).toBe(0);
  });

  it('reads where and when the weekly digest goes, on Mondays at 08:00 by default', () => {
    expect(loadConfig({}).digest).toEqual({ at: 'mon 08:00', slackChannel: undefined, teamsConversation: undefined, teamsServiceUrl: undefined });
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-fiktiv', SLACK_SIGNING_SECRET: 's', MOTPART_TEAMS_AUTH: 'off', MOTPART_DIGEST_SLACK_CHANNEL: 'CREDAKTION', MOTPART_DIGEST_TEAMS_CONVERSATION: '19:redaktion@thread.tacv2', MOTPART_DIGEST_TEAMS_SERVICE_URL: 'http://127.0.0.1:9/', MOTPART_DIGEST_AT: 'fri 14:30' });
    expect(c.digest).toEqual({ at: 'fri 14:30', slackChannel: 'CREDAKTION', teamsConversation: '19:redaktion@thread.tacv2', teamsServiceUrl: 'http://127.0.0.1:9/' });
    // The service URL alone serves the functions' own conversations (reminders.teams in the knowledge).
    expect(loadConfig({ MOTPART_TEAMS_AUTH: 'off', MOTPART_DIGEST_TEAMS_SERVICE_URL: 'http://127.0.0.1:9/' }).digest.teamsServiceUrl).toBe('http://127.0.0.1:9/');
    expect(() => loadConfig({ MOTPART_DIGEST_TEAMS_SERVICE_URL: 'http://127.0.0.1:9/' })).toThrow('kräver Teams');
    expect(() => loadConfig({ MOTPART_DIGEST_SLACK_CHANNEL: 'CREDAKTION' })).toThrow('MOTPART_DIGEST_SLACK_CHANNEL kräver Slack');
    expect(() => loadConfig({ MOTPART_TEAMS_AUTH: 'off', MOTPART_DIGEST_TEAMS_CONVERSATION: '19:x' })).toThrow('MOTPART_DIGEST_TEAMS_SERVICE_URL');
  });

  it.each([
    [{ MOTPART_DIGEST_AT: 'måndag 8' }, 'MOTPART_DIGEST_AT'],
    [{ MOTPART_EDITORS: 'slack:UEDIT' }, 'MOTPART_EDITORS'],
    [{ PORT: 'åttio' }, 'PORT'],
    [{ MOTPART_RATE_LIMIT: '-1' }, 'MOTPART_RATE_LIMIT'],
    [{ REDIS_URL: 'localhost' }, 'REDIS_URL'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-fiktiv' }, 'SLACK_SIGNING_SECRET'],
    [{ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000002' }, 'MICROSOFT_APP_PASSWORD'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
