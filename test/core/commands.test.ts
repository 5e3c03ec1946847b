/**
 * The command registry against both manifests: every Slack slash command and Teams command word
 * the registry names is in its manifest, and the manifests name no command the registry lacks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_PREFIX, commandHelp, commandNamed, SLACK_SLASH_COMMANDS, TEAMS_COMMAND_TITLES, ENTRIES, TEAMS_COMMAND_WORDS } from '../../src/core/commands.js';

interface SlackManifest {
  features?: { slash_commands?: { command: string }[] };
}
interface TeamsManifest {
  bots: { commandLists?: { commands: { title: string }[] }[] }[];
}

const slackManifest = (): SlackManifest => JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
const teamsManifest = (): TeamsManifest => JSON.parse(readFileSync(new URL('../../teams/manifest.template.json', import.meta.url), 'utf8'));

/** What differs between the manifests and the registry; empty when they agree. */
function drift(slack: SlackManifest, teams: TeamsManifest): string[] {
  const problems: string[] = [];
  const declared = (slack.features?.slash_commands ?? []).map((c) => c.command);
  const registered = Object.keys(SLACK_SLASH_COMMANDS);
  for (const name of registered) if (!declared.includes(name)) problems.push(`manifest.json lacks ${name}`);
  for (const name of declared) if (!registered.includes(name)) problems.push(`manifest.json declares ${name}, which the registry lacks`);
  const listed = teams.bots.flatMap((b) => (b.commandLists ?? []).flatMap((l) => l.commands.map((c) => c.title)));
  for (const title of TEAMS_COMMAND_TITLES) if (!listed.includes(title)) problems.push(`Teams manifest lacks ${title}`);
  for (const title of listed) if (!TEAMS_COMMAND_TITLES.includes(title)) problems.push(`Teams manifest lists ${title}, which the registry lacks`);
  return problems;
}

describe('command registry', () => {
  it('agrees with manifest.json and the Teams manifest template', () => {
    expect(drift(slackManifest(), teamsManifest())).toEqual([]);
  });

  it('sees a command missing from either manifest, or one the registry lacks', () => {
    const slack = slackManifest();
    slack.features!.slash_commands = slack.features!.slash_commands!.filter((c) => c.command !== '/sekretess');
    expect(drift(slack, teamsManifest())).toEqual(['manifest.json lacks /sekretess']);

    const teams = teamsManifest();
    teams.bots[0]!.commandLists![0]!.commands = teams.bots[0]!.commandLists![0]!.commands.filter((c) => c.title !== 'hjälp');
    expect(drift(slackManifest(), teams)).toEqual(['Teams manifest lacks hjälp']);

    const extra = slackManifest();
    extra.features!.slash_commands!.push({ command: '/okand' });
    expect(drift(extra, teamsManifest())).toEqual(['manifest.json declares /okand, which the registry lacks']);
  });

  it('lists every Teams title among its own command words, folded', () => {
    for (const c of ENTRIES) {
      if (!c.teams?.title) continue;
      const folded = c.teams.title.normalize('NFD').replace(/\p{M}/gu, '');
      expect(c.teams.words).toContain(folded);
    }
  });

  it('reads a slash word and its aliases in any case, and only whole words', () => {
    expect(COMMAND_PREFIX.exec('/HJÄLP')?.[1]).toBe('HJÄLP');
    expect(commandNamed('HJÄLP')).toBe('hjalp');
    expect(commandNamed('checklistor')).toBe('checklista');
    expect(commandNamed('help')).toBe('hjalp');
    expect(COMMAND_PREFIX.exec('/motpartx Rosengård')).toBeNull();
    expect(COMMAND_PREFIX.exec('  /sekretess 18a')?.[0]).toBe('  /sekretess ');
  });

  it('gives Teams its words with and without argument, and each platform its help lines', () => {
    expect(Object.fromEntries(TEAMS_COMMAND_WORDS)).toEqual({
      motpart: { command: 'motpart', alone: false },
      sekretess: { command: 'sekretess', alone: false },
      checklista: { command: 'checklista', alone: false },
      katalog: { command: 'katalog', alone: false },
      hjalp: { command: 'hjalp', alone: true },
      help: { command: 'hjalp', alone: true },
      rapport: { command: 'rapport', alone: true },
    });
    expect(commandHelp('slack')).toHaveLength(4);
    expect(commandHelp('teams')).toHaveLength(5);
    expect(commandHelp('cli')).toEqual(['/motpart område', '/sekretess fråga', '/checklista namn, t.ex. /checklista sig', '/katalog ändring, t.ex. /katalog jag har slutat', 'hjälp']);
  });
});
