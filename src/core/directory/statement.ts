/**
 * "jag jobbar på soc i Malmö", "jag är polis i Rosengård": the asker says who they are (and
 * where), and asks nothing else. Such a message gets a short confirmation with the counterpart it
 * implies, not a directory listing with the confirmation at the bottom.
 */
import type { OrganisationKind } from '../knowledge/schema.js';
import type { Context } from '../context.js';
import type { ContactCard } from '../reply.js';
import type { Analysis } from '../search/analyse.js';
import { answerDirectory } from './answer.js';
import { parseDirectoryQuery } from './lookup.js';
import type { Role } from './role.js';

/** Words that make a message a question (or a request), not only a statement of who one is. */
const ASKING = new Set([
  'vem', 'vilka', 'vilken', 'vad', 'hur', 'nar', 'var', 'varfor', 'far', 'kan', 'ska', 'maste', 'behover', 'galler',
  'who', 'what', 'how', 'when', 'where', 'can', 'may', 'should', 'kontakt', 'kontakta', 'ring', 'ringa', 'numret', 'nummer',
]);
/** Verbs and links of "jag jobbar på …", which are no search words in a statement. */
const STATING = new Set(['jobbar', 'arbetar', 'work', 'am', 'ar', 'e']);

/** The area a message only states the asker's role in ("" when it names none), or undefined when it asks something. */
export function statedPlace(ctx: Context, text: string, analysis: Analysis): { areaName?: string } | undefined {
  if (/\?/.test(text)) return undefined;
  if (analysis.words.some((w) => ASKING.has(w))) return undefined;
  const query = parseDirectoryQuery(ctx.knowledge, analysis);
  if (query.counterpart || query.kinds.length > 0) return undefined;
  if (query.terms.some((t) => t.kind === 'ref' || !analysis.words.slice(t.start, t.end).every((w) => STATING.has(w)))) return undefined;
  const areaId = query.areas[0]?.areaIds[0];
  return areaId ? { areaName: ctx.knowledge.areas.name(areaId) } : {};
}

/** The first counterpart function in the area for the role, as a contact card. */
export async function counterpartIn(ctx: Context, role: Role, areaName: string): Promise<ContactCard | undefined> {
  const question = `vem är min motpart i ${areaName}`;
  const answer = await answerDirectory(ctx, ctx.knowledge.analyser.analyse(question), question, role);
  for (const part of answer.parts) if (part.type === 'contact') return part.contact;
  return undefined;
}

/** How to change one's role, with an example of another role than the one just stated. */
export function changeRoleHint(kind: OrganisationKind): string {
  return `Skriv till exempel "${kind === 'polis' ? 'jag jobbar på soc' : 'jag är polis'}" för att byta.`;
}
