/** Help and the replies for input that cannot be answered as it stands. */
import { reply, type Button, type Reply } from './reply.js';
import { tokenise } from './text/normalise.js';

export const MAX_QUESTION_LENGTH = 4000;

const EXAMPLES = [
  'vem är min motpart i Rosengård',
  'får soc lämna uppgifter till polisen om en 17-åring',
  'socialjouren malmö',
  '/checklista sig',
];

const exampleButtons = (): Button[] =>
  EXAMPLES.filter((e) => !e.startsWith('/')).map((text) => ({ label: text, action: { type: 'ask', text } }));

const COMMANDS = 'Kommandon: /motpart <område>, /sekretess <fråga>, /checklista <namn>, /hjalp.';

export function helpReply(headline = 'Så här använder du Motpart', intro?: string): Reply {
  return reply({
    intent: 'help',
    headline,
    parts: [
      ...(intro ? [{ type: 'text' as const, text: intro }] : []),
      { type: 'list', title: 'Fråga till exempel', items: EXAMPLES },
      { type: 'text', text: `${COMMANDS} Skriv aldrig personnummer eller namn.` },
    ],
    suggestions: exampleButtons(),
  });
}

const THANKS = /^(?:tack|tackar|tack tack|tusen tack|tack sa mycket|tack for hjalpen|stort tack|thanks|thank you|thx|tnx)$/;

/** "tack", "tack så mycket": said to the bot, not asked of it, so no gap is logged either. */
export const isThanks = (text: string) => THANKS.test(tokenise(text).join(' '));

export const thanksReply = (): Reply => reply({ intent: 'help', headline: 'Varsågod!', parts: [{ type: 'text', text: 'Fråga igen när du behöver.' }] });

export const emptyReply = (): Reply => helpReply('Skriv en fråga', 'Meddelandet var tomt. Skriv vad du undrar över, med ord.');

export const unknownReply = (): Reply =>
  reply({ ...helpReply('Jag förstod inte frågan', 'Fråga om en kontakt i ett område, om vad som får delas, eller om en checklista.'), intent: 'unknown', confidence: 0 });

export const tooLongReply = (): Reply =>
  reply({
    intent: 'unknown',
    headline: 'Frågan är för lång',
    confidence: 0,
    parts: [{ type: 'text', text: `Skriv en kortare fråga, högst ${MAX_QUESTION_LENGTH.toLocaleString('sv-SE')} tecken. Klistra inte in hela ärenden.` }],
  });

export const personalNumberReply = (): Reply =>
  reply({
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
  });

export const cannotSaveReply = (intent: Reply['intent']): Reply =>
  reply({
    intent,
    headline: 'Det går inte att spara just nu',
    confidence: 0,
    parts: [{ type: 'notice', level: 'warning', text: 'Det går inte att spara just nu, försök igen om en stund.' }],
  });

export const failedReply = (): Reply =>
  reply({
    intent: 'unknown',
    headline: 'Något gick fel',
    confidence: 0,
    parts: [{ type: 'notice', level: 'warning', text: 'Något gick fel när jag skulle svara. Försök igen om en stund.' }],
  });

export const rateLimitedReply = (): Reply =>
  reply({
    intent: 'unknown',
    headline: 'Många frågor på kort tid',
    ephemeral: true,
    confidence: 0,
    parts: [{ type: 'notice', level: 'info', text: 'Vänta en minut och fråga igen. Gränsen finns för att Motpart ska svara snabbt för alla.' }],
  });
