/**
 * The one command registry. The core's slash-word parsing, the help, the Slack slash commands, the
 * Teams command words and the manifests test all read this table: a new command is one entry here
 * plus its handler in motpart.ts (and, for Slack and Teams, its line in manifest.json and
 * teams/manifest.template.json, which test/core/commands.test.ts holds to this table).
 */
import type { Platform } from './ports.js';

export interface CommandEntry {
  /** The intent the command names, and the word after the slash ("/motpart"). Folded: no å/ä/ö. */
  readonly name: string;
  /** Other words after a slash in typed text, on every platform ("/hjälp", "/help"). */
  readonly aliases: readonly string[];
  /** Registered as a Slack slash command (`/name` in manifest.json's features.slash_commands). */
  readonly slackSlash: boolean;
  /**
   * A Teams command word (Teams has no slash commands). `words`: folded words that mean the
   * command; `alone`: only a command when typed without anything after it ("hjälp mig hitta
   * kommunpolisen" is a question); `title`: its line in the manifest's commandLists, if listed.
   */
  readonly teams?: { readonly words: readonly string[]; readonly alone: boolean; readonly title?: string };
  /** Its line in the help, per platform; none: not shown there. */
  readonly help: Readonly<Partial<Record<Platform, string>>>;
}

export const COMMANDS = [
  {
    name: 'motpart',
    aliases: [],
    slackSlash: true,
    teams: { words: ['motpart'], alone: false, title: 'motpart' },
    help: {
      slack: '/motpart område – vem du kontaktar, t.ex. /motpart Rosengård',
      teams: 'motpart område – vem du kontaktar, t.ex. motpart Rosengård',
      cli: '/motpart område',
    },
  },
  {
    name: 'sekretess',
    aliases: [],
    slackSlash: true,
    teams: { words: ['sekretess'], alone: false, title: 'sekretess' },
    help: {
      slack: '/sekretess fråga – vad som får delas',
      teams: 'sekretess fråga – vad som får delas',
      cli: '/sekretess fråga',
    },
  },
  {
    name: 'checklista',
    aliases: ['checklistor'],
    slackSlash: true,
    teams: { words: ['checklista'], alone: false, title: 'checklista' },
    help: {
      slack: '/checklista namn – en checklista för kanalen, t.ex. /checklista sig',
      teams: 'checklista namn – en checklista för chatten, t.ex. checklista sig',
      cli: '/checklista namn, t.ex. /checklista sig',
    },
  },
  {
    // Directory upkeep: with a statement, that change; alone, what waits for an editor's approval.
    name: 'katalog',
    aliases: [],
    slackSlash: true,
    teams: { words: ['katalog'], alone: false, title: 'katalog' },
    help: {
      slack: '/katalog ändring – håll katalogen aktuell, t.ex. /katalog jag är ledig 15–30 december, Kim Exempel vikarierar',
      teams: 'katalog ändring – håll katalogen aktuell, t.ex. katalog jag är ledig 15–30 december, Kim Exempel vikarierar',
      cli: '/katalog ändring, t.ex. /katalog jag har slutat',
    },
  },
  {
    name: 'hjalp',
    aliases: ['hjälp', 'help'],
    slackSlash: false,
    teams: { words: ['hjalp', 'help'], alone: true, title: 'hjälp' },
    help: { teams: 'hjälp – den här hjälpen', cli: 'hjälp' },
  },
  {
    // Admins only, so listed nowhere.
    name: 'rapport',
    aliases: [],
    slackSlash: false,
    teams: { words: ['rapport'], alone: true },
    help: {},
  },
] as const satisfies readonly CommandEntry[];

/** A slash command / bot command names the intent; free text lets the router decide. */
export type Command = (typeof COMMANDS)[number]['name'];

/** The registry as entries, for reading without the literal types. */
export const ENTRIES: readonly (CommandEntry & { name: Command })[] = COMMANDS;

/** Every word after a slash that names a command, lower case, to its command. */
const BY_WORD: ReadonlyMap<string, Command> = new Map(ENTRIES.flatMap((c) => [c.name, ...c.aliases].map((word) => [word, c.name] as const)));

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "/motpart Rosengård" at the start of typed text: the word, and all of it up to the argument. */
export const COMMAND_PREFIX = new RegExp(`^\\s*\\/(${[...BY_WORD.keys()].map(escape).join('|')})(?=\\s|$)\\s*`, 'iu');

/** The command a slash word names (any case), if any. */
export const commandNamed = (word: string): Command | undefined => BY_WORD.get(word.toLowerCase());

/** Slack's slash commands, "/motpart" to its command: what the adapter registers and manifest.json declares. */
export const SLACK_SLASH_COMMANDS: Readonly<Record<string, Command>> = Object.fromEntries(ENTRIES.filter((c) => c.slackSlash).map((c) => [`/${c.name}`, c.name]));

/** Teams command words (folded) to their command and whether they take an argument. */
export const TEAMS_COMMAND_WORDS: ReadonlyMap<string, { command: Command; alone: boolean }> = new Map(
  ENTRIES.flatMap((c) => (c.teams ? c.teams.words.map((word) => [word, { command: c.name, alone: c.teams!.alone }] as const) : [])),
);

/** The titles Teams' manifest lists in its commandLists, in order. */
export const TEAMS_COMMAND_TITLES: readonly string[] = ENTRIES.flatMap((c) => (c.teams?.title ? [c.teams.title] : []));

/** The help's command lines for a platform, in registry order. */
export const commandHelp = (platform: Platform): string[] => ENTRIES.flatMap((c) => (c.help[platform] ? [c.help[platform]] : []));
