/**
 * Guidance replies: verdict, short answer, conditions, references, sources and review date, always
 * with a reminder that it is guidance, not a decision. Below the confidence threshold the reply says
 * so plainly, offers the nearest snippets and names who to ask, and the gap is logged (redacted).
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Snippet } from '../knowledge/schema.js';
import type { Context } from '../context.js';
import { reviewDue } from '../dates.js';
import { feedbackButtons } from '../feedback.js';
import { recordGap } from '../gaps.js';
import { reply, type Button, type GuidanceView, type Reply } from '../reply.js';
import type { Analysis } from '../search/analyse.js';
import { outsideAgeLimit } from '../text/age.js';
import { tokenise } from '../text/normalise.js';
import { formatRef, formatRefs } from '../text/legalRefs.js';
import { kindLabel, type Role } from '../directory/role.js';
import { parseDirectoryQuery } from '../directory/lookup.js';
import { directionOf } from './direction.js';
import { searchGuidance, writtenForAnotherAge, type GuidanceMatch } from './search.js';

/** Below this, Motpart says it has no sure answer. */
export const CONFIDENCE_THRESHOLD = 0.5;
/**
 * Below this, a "får delas" to the police is not given. The rules that let information go to the
 * police (10 kap. 21–24 §§ OSL) each hold for a narrow case, and a disclosure cannot be taken back,
 * while "no sure answer" still shows the same rule first among the suggestions and names who to
 * ask. (Reports of concern to soc are a duty where suspicion is enough: no higher bar there.)
 * Questions that name the rule itself ("vad säger 10:22") are exempt: which rule is meant is clear.
 */
const PERMISSION_THRESHOLD = 0.7;

const UNSURE = 'Jag hittar ingen vägledning som säkert svarar på frågan. Fråga hellre än gissa.';
const UNSURE_OF_PERMISSION =
  'Närmaste regel säger att uppgifter får lämnas, men jag är inte säker på att den gäller din fråga. Läs villkoren i förslagen nedan eller fråga innan du lämnar något.';

const UNSURE_OF_DUTY =
  'Närmaste regel säger att uppgifter ska lämnas, men jag är inte säker på att den gäller din fråga. Läs villkoren i förslagen nedan eller fråga innan du lämnar något.';

/** A duty to give the police information ("ska") is held to the same bar as a permission. */
const permitsOnWeakGrounds = ({ snippet, confidence }: GuidanceMatch, analysis: Analysis) =>
  (snippet.verdict === 'far' || snippet.verdict === 'ska') &&
  snippet.flow?.to?.includes('polis') === true &&
  confidence < PERMISSION_THRESHOLD &&
  !snippet.references.some((r) => analysis.refs.includes(r));

export const NOT_A_DECISION = 'Vägledning, inte ett beslut. Bedömningen görs i varje enskilt fall och dokumenteras.';

export function guidanceView(knowledge: Knowledge, snippet: Snippet, today: string): GuidanceView {
  const owner = knowledge.functions.get(snippet.owner);
  return {
    snippetId: snippet.id,
    title: snippet.title,
    verdict: snippet.verdict,
    answer: snippet.answer,
    conditions: [...snippet.conditions],
    references: snippet.references.map((canonical) => ({ canonical, display: formatRef(canonical) })),
    sources: snippet.sources.map((s) => ({ title: s.title, url: s.url })),
    reviewed: snippet.reviewed,
    reviewOverdue: reviewDue(snippet) < today,
    ...(snippet.uncertain ? { uncertainty: snippet.uncertain } : {}),
    ...(owner ? { owner: { functionId: owner.id, name: owner.name } } : {}),
  };
}

const askButton = (s: Snippet): Button => ({ label: s.title, action: { type: 'ask', text: s.questions[0]! } });

/** An alternative this close to the answer is offered before the answer's own related snippets. */
const NEARLY_AS_GOOD = 0.05;

/**
 * Follow-ups: checklists that use the snippet, matches nearly as good as it (the question may have
 * meant them), related snippets, then other close matches.
 */
function followUps(knowledge: Knowledge, snippet: Snippet, others: readonly GuidanceMatch[], confidence = 1): Button[] {
  const buttons: Button[] = [];
  for (const id of knowledge.guidance.checklistsFor(snippet.id)) {
    const c = knowledge.checklists.get(id);
    if (c) buttons.push({ label: `Checklista: ${c.title}`, action: { type: 'checklist.start', checklistId: c.id } });
  }
  const seen = new Set([snippet.id]);
  const near = others.filter((m) => m.confidence >= confidence - NEARLY_AS_GOOD).map((m) => m.snippet);
  for (const s of [...near, ...snippet.related.map((id) => knowledge.guidance.get(id)), ...others.map((m) => m.snippet)]) {
    if (!s || seen.has(s.id)) continue;
    seen.add(s.id);
    buttons.push(askButton(s));
  }
  return buttons.slice(0, 4);
}

/** "Kommunjurist Malmö stad, kommunjurist@example.org" */
function ownerLine(knowledge: Knowledge, functionId: string): string | undefined {
  const fn = knowledge.functions.get(functionId);
  if (!fn) return undefined;
  const ways = [fn.contact.email, fn.contact.phone, fn.contact.chat, fn.contact.url].filter(Boolean);
  return ways.length > 0 ? `${fn.name}, ${ways.join(', ')}` : fn.name;
}

/**
 * Whom to ask, where the asker is. A snippet's owner maintains its text, but an asker in Kinda is to
 * be told Kinda's jurist, not Malmö's: the function with the owner's role (for the police, their
 * own jurist) that serves a place the question names or the asker's own function serves; the owner
 * where no place is known or none serves it.
 */
function whoToAsk(knowledge: Knowledge, ownerId: string, analysis: Analysis, asker: Role | undefined): string | undefined {
  const role = asker?.kind === 'polis' ? 'polisjurist' : knowledge.functions.get(ownerId)?.role;
  const own = asker?.functionId ? (knowledge.functions.get(asker.functionId)?.areas ?? []) : [];
  const places = [...parseDirectoryQuery(knowledge, analysis).areas.flatMap((a) => a.areaIds), ...own];
  const serves = (area: string) => places.some((p) => p === area || knowledge.areas.ancestors(p).has(area));
  const local = role ? knowledge.data.functions.find((f) => f.role === role && f.areas.some(serves)) : undefined;
  return ownerLine(knowledge, local?.id ?? ownerId);
}

function ageMismatchReply(ctx: Context, match: GuidanceMatch, analysis: Analysis, others: readonly GuidanceMatch[], asker: Role | undefined): Reply {
  const { snippet } = match;
  const age = analysis.ages[0]!;
  const refs = formatRefs(snippet.references);
  const alternatives = followUps(ctx.knowledge, snippet, others).filter((b) => b.action.type === 'ask');
  const owner = whoToAsk(ctx.knowledge, snippet.owner, analysis, asker);
  return reply({
    intent: 'guidance',
    headline: `${refs || snippet.title} gäller inte vid ${age} år`,
    confidence: match.confidence,
    parts: [
      { type: 'notice', level: 'warning', text: `${snippet.age!.note} Frågan gäller någon som är ${age} år, så den vägen går inte att använda.` },
      ...(alternatives.length > 0 ? [{ type: 'text' as const, text: 'Andra vägar kan gälla: se förslagen nedan.' }] : []),
      ...(owner ? [{ type: 'text' as const, title: 'Vem du kan fråga', text: owner }] : []),
      { type: 'notice', level: 'info', text: NOT_A_DECISION },
    ],
    suggestions: alternatives,
    buttons: feedbackButtons('snippet', snippet.id),
  });
}

async function noSureAnswer(ctx: Context, text: string, analysis: Analysis, asker: Role | undefined, matches: readonly GuidanceMatch[], why = UNSURE): Promise<Reply> {
  const best = matches[0];
  const ownerId = best && best.coverage >= 0.3 ? best.snippet.owner : ctx.knowledge.data.synonyms.defaultOwner;
  const owner = whoToAsk(ctx.knowledge, ownerId, analysis, asker) ?? whoToAsk(ctx.knowledge, ctx.knowledge.data.synonyms.defaultOwner, analysis, asker);
  await recordGap(ctx, text, 'guidance');
  return reply({
    intent: 'guidance',
    headline: 'Jag har inget säkert svar på det',
    confidence: best?.confidence ?? 0,
    parts: [
      { type: 'notice', level: 'warning', text: why },
      ...(owner ? [{ type: 'text' as const, title: 'Vem du kan fråga', text: owner }] : []),
      ...(matches.length > 0 ? [{ type: 'text' as const, text: 'Närmaste vägledning finns som förslag nedan.' }] : []),
    ],
    suggestions: matches.slice(0, 3).map((m) => askButton(m.snippet)),
  });
}

/** "vi" and "jag" were read as the asker's saved role: said, so a wrong role is noticed. */
function askerReading(analysis: Analysis, asker: Role | undefined): string | undefined {
  if (!asker) return undefined;
  const direction = directionOf(analysis.words, asker.kind, analysis.english);
  if (!direction.byAsker) return undefined;
  const from = direction.from ? ` från ${kindLabel(direction.from)}` : '';
  const to = direction.to ? ` till ${kindLabel(direction.to)}` : '';
  return `Jag läste frågan som uppgifter${from}${to}, utifrån din roll (${asker.label}). Stämmer det inte, skriv vem som lämnar till vem.`;
}


/**
 * A best match whose rule is for another age than the one asked about gives way to a near match
 * written for that age: "får föräldrar samtycka åt en 19-åring" is answered by the rule for adults,
 * not by a warning that the rule for children does not apply. Without one, the warning stands.
 */
function forTheAskedAge(knowledge: Knowledge, best: GuidanceMatch, others: readonly GuidanceMatch[], analysis: Analysis): { best: GuidanceMatch; others: readonly GuidanceMatch[] } {
  if (!writtenForAnotherAge(knowledge, best.snippet, analysis)) return { best, others };
  const written = others.find((m) => m.snippet.age !== undefined && !writtenForAnotherAge(knowledge, m.snippet, analysis));
  return written ? { best: written, others: [best, ...others.filter((m) => m !== written)] } : { best, others };
}

/** A title that already names its rule ("… (10 kap. 28 § OSL)") gets no second list of references. */
const NAMES_A_RULE = /\d\s*kap\.|§/;

/** `asker` is the asker's role, when known: it tells who "vi" and "jag" are. */
/** How close two candidates written for different kinds of case must be for the kind to decide. */
const CLOSE_CALL = 0.08;
/** Share of words a question shares with one of the snippet's question forms to count as asked that way. */
const ASKED_AS_WRITTEN = 0.8;

/** Whether the question is one of the snippet's own question forms, give or take a word. */
function askedAsWritten(snippet: Snippet, analysis: Analysis): boolean {
  const asked = new Set(analysis.words);
  return snippet.questions.some((q) => {
    const form = new Set(tokenise(q));
    const shared = [...form].filter((w) => asked.has(w)).length;
    return shared / Math.max(form.size, asked.size) >= ASKED_AS_WRITTEN;
  });
}
/** A clarifying question offers at most this many kinds of case. */
const MAX_KINDS_OFFERED = 3;

/**
 * "Får soc lämna uppgifter till polisen om en 17-åring?" says who gives to whom, but not what has
 * happened, and the rule depends on it (18 a for a risk ahead, 10:23 for a crime committed, LVU 43
 * for a handräckning). When close candidates are written for different kinds of case and the
 * question names none, one short question with a button per kind is better than a guess. Each
 * button asks again with the kind said, so the answer comes the same way in every client.
 */
function clarifyingQuestion(ctx: Context, analysis: Analysis, text: string, matches: readonly GuidanceMatch[]): Reply | undefined {
  const { situations } = ctx.knowledge;
  const best = matches[0]!;
  // Only where the best answer is itself written for one kind of case, and the question names
  // neither a kind nor a provision: a general rule that fits is an answer, not a guess.
  if (situations.find(analysis).size > 0 || analysis.refs.length > 0 || best.snippet.situations.length === 0) return undefined;
  // Asked the way the snippet itself is asked ("vilka brott får soc polisanmäla"): that is the answer.
  if (askedAsWritten(best.snippet, analysis)) return undefined;
  const close = matches.filter((m) => m.confidence >= CONFIDENCE_THRESHOLD && best.confidence - m.confidence <= CLOSE_CALL && m.snippet.situations.length > 0);
  // "När är vi skyldiga att göra en orosanmälan?": close rules that give the same verdict on the same
  // provision answer alike, whichever kind of case it is, so there is nothing to ask.
  if (close.every((m) => m.snippet.verdict === best.snippet.verdict && m.snippet.references[0] === best.snippet.references[0])) return undefined;
  const kinds: string[] = [];
  for (const m of close) {
    if (m.snippet.situations.some((s) => kinds.includes(s))) continue;
    kinds.push(m.snippet.situations[0]!);
  }
  if (kinds.length < 2) return undefined;
  const offered = kinds.slice(0, MAX_KINDS_OFFERED).flatMap((id) => {
    const situation = situations.byId.get(id);
    return situation ? [situation] : [];
  });
  return reply({
    intent: 'guidance',
    headline: 'Vad gäller det?',
    confidence: best.confidence,
    parts: [{ type: 'text', text: 'Svaret beror på vad som har hänt. Välj det som stämmer, så svarar jag.' }],
    suggestions: offered.map((s) => ({ label: s.name, action: { type: 'ask' as const, text: `${text.trim().replace(/[?.!\s]+$/u, '')} – ${s.name}` } })),
  });
}

export async function answerGuidance(ctx: Context, analysis: Analysis, text: string, asker?: Role): Promise<Reply> {
  const matches = searchGuidance(ctx.knowledge, analysis, 5, asker?.kind);
  if (!matches[0] || matches[0].confidence < CONFIDENCE_THRESHOLD) return noSureAnswer(ctx, text, analysis, asker, matches);
  const { best, others } = forTheAskedAge(
    ctx.knowledge,
    matches[0],
    matches.slice(1).filter((m) => m.confidence >= CONFIDENCE_THRESHOLD * 0.8),
    analysis,
  );
  if (writtenForAnotherAge(ctx.knowledge, best.snippet, analysis)) return ageMismatchReply(ctx, best, analysis, others, asker);
  if (permitsOnWeakGrounds(best, analysis)) {
    return noSureAnswer(ctx, text, analysis, asker, [best, ...others], best.snippet.verdict === 'ska' ? UNSURE_OF_DUTY : UNSURE_OF_PERMISSION);
  }
  const clarify = clarifyingQuestion(ctx, analysis, text, matches);
  if (clarify) return clarify;

  const view = guidanceView(ctx.knowledge, best.snippet, ctx.local.date);
  const refs = formatRefs(best.snippet.references);
  const reading = askerReading(analysis, asker);
  return reply({
    intent: 'guidance',
    headline: refs && !NAMES_A_RULE.test(view.title) ? `${view.title} (${refs})` : view.title,
    confidence: best.confidence,
    parts: [
      ...(reading ? [{ type: 'notice' as const, level: 'info' as const, text: reading }] : []),
      { type: 'guidance', guidance: view },
      ...(view.reviewOverdue
        ? [{ type: 'notice' as const, level: 'warning' as const, text: `Texten skulle ha granskats senast ${reviewDue(best.snippet)}. Kontrollera med ${view.owner?.name ?? 'kommunjuristen'}.` }]
        : []),
      { type: 'notice', level: 'info', text: NOT_A_DECISION },
    ],
    suggestions: followUps(ctx.knowledge, best.snippet, others, best.confidence),
    buttons: feedbackButtons('snippet', best.snippet.id),
  });
}
