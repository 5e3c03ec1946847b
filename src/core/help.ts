/** Help and the replies for input that cannot be answered as it stands. */
import type { Platform } from './ports.js';
import { redact } from './text/pii.js';
import { reply, type Button, type Reply } from './reply.js';
import { tokenise } from './text/normalise.js';
import { commandHelp } from './commands.js';

export const MAX_QUESTION_LENGTH = 4000;

const EXAMPLES = ['vem är min motpart i Rosengård', 'får soc lämna uppgifter till polisen om en 17-åring', 'socialjouren malmö'];

const exampleButtons = (): Button[] => EXAMPLES.map((text) => ({ label: text, action: { type: 'ask', text } }));

/**
 * What works on each platform, and only that: Slack has the slash commands its manifest registers;
 * Teams has no slash commands, only command words (its manifest's commandLists); the console has
 * both the slash words and its own keys. No angle brackets: Teams reads "<namn>" as an HTML tag.
 * The command lines come from the command registry (commands.ts).
 */
const COMMANDS: Record<Platform, { title: string; tip: string }> = {
  slack: {
    title: 'Kommandon i Slack',
    tip: 'Svar på kommandon syns bara för dig tills du väljer "Visa för kanalen". Du kan också skriva till Motpart direkt, eller nämna @Motpart i en kanal.',
  },
  teams: {
    title: 'Kommandoord i Teams',
    tip: 'Du kan också skriva frågan som den är. I en kanal eller gruppchatt: nämn @Motpart först.',
  },
  cli: {
    title: 'Kommandon i konsolen',
    tip: 'I motpart chat: siffran bockar av en punkt i checklistan ("3\u00a04" bockar av två), bokstaven väljer ett förslag, "avsluta" avslutar checklistan och "hejdå" eller Ctrl-D avslutar programmet.',
  },
};

/** Said once per help reply (and not again in Teams' welcome, which shows this help). */
export const PRIVACY_REMINDER = 'Skriv aldrig personnummer eller namn på enskilda: Motpart behöver inga personuppgifter.';

export function helpReply(platform: Platform = 'cli', headline = 'Så här använder du Motpart', intro?: string): Reply {
  const commands = COMMANDS[platform];
  return reply({
    intent: 'help',
    headline,
    parts: [
      ...(intro ? [{ type: 'text' as const, text: intro }] : []),
      { type: 'list', title: 'Fråga till exempel', items: EXAMPLES },
      { type: 'list', title: commands.title, items: commandHelp(platform) },
      { type: 'text', text: commands.tip },
      { type: 'notice', level: 'info', text: PRIVACY_REMINDER },
    ],
    suggestions: exampleButtons(),
  });
}

const THANKS = /^(?:tack|tackar|tack tack|tusen tack|tack sa mycket|tack for hjalpen|stort tack|thanks|thank you|thx|tnx)$/;

/** "tack", "tack så mycket": said to the bot, not asked of it, so no gap is logged either. */
export const isThanks = (text: string) => THANKS.test(tokenise(text).join(' '));

export const thanksReply = (): Reply => reply({ intent: 'help', headline: 'Varsågod!', parts: [{ type: 'text', text: 'Fråga igen när du behöver.' }] });

export const emptyReply = (platform?: Platform): Reply => helpReply(platform, 'Skriv en fråga', 'Meddelandet var tomt. Skriv vad du undrar över, med ord.');

export const unknownReply = (platform?: Platform): Reply =>
  reply({ ...helpReply(platform, 'Jag förstod inte frågan', 'Fråga om en kontakt i ett område, om vad som får delas, eller om en checklista.'), intent: 'unknown', confidence: 0 });

export const tooLongReply = (): Reply =>
  reply({
    intent: 'unknown',
    headline: 'Frågan är för lång',
    confidence: 0,
    parts: [{ type: 'text', text: `Skriv en kortare fråga, högst ${MAX_QUESTION_LENGTH.toLocaleString('sv-SE')} tecken. Klistra inte in hela ärenden.` }],
  });

export const ASK_WITHOUT_NUMBER = 'Fråga igen utan numret';

/** The question with personal numbers (and e-mail addresses and phone numbers) taken out, if anything is left to ask. */
export function withoutPersonalNumber(text: string): string | undefined {
  const cleaned = redact(text)
    .replace(/\s*\[(?:personnummer|e-post|telefon)\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return tokenise(cleaned).length >= 2 ? cleaned : undefined;
}

/**
 * A private warning that repeats nothing of the message; with the question given, one button asks
 * it again with the number removed (only the button carries the cleaned text).
 */
export const personalNumberReply = (question?: string): Reply => {
  const cleaned = question === undefined ? undefined : withoutPersonalNumber(question);
  return reply({
    intent: 'unknown',
    headline: 'Skriv inte personnummer här',
    ephemeral: true,
    parts: [
      {
        type: 'notice',
        level: 'warning',
        text: 'Meddelandet innehöll något som ser ut som ett personnummer. Motpart behöver inga personuppgifter och har inte sparat texten. Ställ frågan utan namn eller nummer.',
      },
    ],
    suggestions: cleaned ? [{ label: ASK_WITHOUT_NUMBER, action: { type: 'ask', text: cleaned } }] : [],
  });
};

/** A reply that is one notice and no answer (confidence 0): the bot could not do what was asked, and says why. */
const noticeOnly = (intent: Reply['intent'], headline: string, level: 'info' | 'warning', text: string, ephemeral?: true): Reply =>
  reply({ intent, headline, ...(ephemeral ? { ephemeral } : {}), confidence: 0, parts: [{ type: 'notice', level, text }] });

export const cannotSaveReply = (intent: Reply['intent']): Reply =>
  noticeOnly(intent, 'Det går inte att spara just nu', 'warning', 'Det går inte att spara just nu, försök igen om en stund.');

export const failedReply = (): Reply => noticeOnly('unknown', 'Något gick fel', 'warning', 'Något gick fel när jag skulle svara. Försök igen om en stund.');

export const rateLimitedReply = (): Reply =>
  noticeOnly('unknown', 'Många frågor på kort tid', 'info', 'Vänta en minut och fråga igen. Gränsen finns för att Motpart ska svara snabbt för alla.', true);
