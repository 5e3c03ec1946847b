/**
 * The core's one entry point. Adapters call `handle` with what the user typed (or pressed) and who
 * asked; they get a platform-neutral Reply back.
 */
import type { Knowledge } from './knowledge/knowledge.js';
import type { Logger } from '../logger.js';
import { closeRun, checklistByName, resetRun, setItem, startRun } from './checklists.js';
import { choicesIn, type Choices } from './choices.js';
import { COMMAND_PREFIX, commandNamed, type Command } from './commands.js';
import { createContext, type Context } from './context.js';
import { answerDirectory } from './directory/answer.js';
import { COUNTERPART_KINDS, kindLabel, resolveRole, roleInQuestion, type Role } from './directory/role.js';
import { changeRoleHint, counterpartIn, statedPlace } from './directory/statement.js';
import { changesReply, decide, propose, statementReply, undo } from './directory/upkeep.js';
import { parseStatement } from './directory/upkeepStatement.js';
import { recordFeedback, withFeedbackQuestion } from './feedback.js';
import { recordGap } from './gaps.js';
import { answerGuidance } from './guidance/answer.js';
import { mentionsAsker } from './guidance/direction.js';
import { cannotSaveReply, emptyReply, failedReply, helpReply, isThanks, MAX_QUESTION_LENGTH, personalNumberReply, rateLimitedReply, thanksReply, tooLongReply, unknownReply } from './help.js';
import { StoreUnavailableError, type Asker, type Notify, type Profile, type Store } from './ports.js';
import { reply, type Action, type Reply } from './reply.js';
import { route } from './router.js';
import type { Analysis } from './search/analyse.js';
import { containsPersonalNumber } from './text/pii.js';
import { isContentless, sentencesOf } from './text/normalise.js';

export type { Command } from './commands.js';

export type Input = { text: string; command?: Command } | { action: Action };

export interface Motpart {
  handle(input: Input, asker: Asker): Promise<Reply>;
  /** The one saved role (chosen in a menu or stated in a message), for surfaces that show it; undefined when none or the store is down. */
  profile?(asker: Asker): Promise<Profile | undefined>;
  /** The roles and checklists a surface can offer to pick from (Slack's App Home), in the current knowledge. */
  choices(): Choices;
}

export interface MotpartDeps {
  knowledge: () => Knowledge;
  store: Store;
  now?: () => Date;
  /** IANA time zone for opening hours and holder periods; default Europe/Stockholm. */
  timezone?: string;
  /**
   * `platform:userId` of those who may see the health report in chat; empty or unset: nobody in
   * chat. The report lists other people's questions, so a chat platform must name its readers. The
   * console is the operator at the machine, who can read the store anyway, and always may.
   */
  admins?: ReadonlySet<string>;
  logger?: Logger;
  /** The health report (`/rapport`), provided by the store side; without it the command says it is unavailable. */
  report?: (asker: Asker) => Promise<Reply>;
  /** Messages and button presses allowed per user and window; unset: no limit. */
  rateLimit?: { max: number; windowMs: number };
  /** Organisation id (or `*`) to the `platform:userId` of its directory editors (MOTPART_EDITORS), besides those in organisations.yaml. */
  editors?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Writes to editors privately when a change waits for them; without it they see it in `/katalog` and the digest. */
  notify?: Notify;
}

/** A runaway script or a stuck client is slowed down; a store outage never blocks answers. */
async function withinRateLimit(ctx: Context, limit: { max: number; windowMs: number }): Promise<boolean> {
  // The console and `motpart ask --jsonl` are one local user on their own machine: a batch of
  // questions there is work, not a runaway chat client.
  if (ctx.asker.platform === 'cli') return true;
  try {
    return await ctx.store.rateLimit.allow(`${ctx.asker.platform}:${ctx.asker.userId}`, limit.max, limit.windowMs);
  } catch (err) {
    if (err instanceof StoreUnavailableError) return true;
    throw err;
  }
}

/** The role that decides what "counterpart" means: `as` for this question, else the profile, else the question. */
async function askerRole(ctx: Context, message: Analysis): Promise<{ role?: Role; unknownAs?: string }> {
  const { asker, knowledge } = ctx;
  if (asker.as) {
    const role = resolveRole(knowledge, asker.as);
    return role ? { role } : { unknownAs: asker.as };
  }
  const stated = roleInQuestion(message.words);
  if (stated) return { role: stated };
  try {
    const profile = await ctx.store.profiles.get(asker.platform, asker.userId);
    if (profile?.functionId) {
      const role = resolveRole(knowledge, profile.functionId);
      if (role) return { role };
    }
    if (profile?.organisationKind) return { role: resolveRole(knowledge, profile.organisationKind) };
  } catch (err) {
    // Without the store the question is still answered, only without the saved role.
    if (!(err instanceof StoreUnavailableError)) throw err;
  }
  return {};
}

/** `message` is the whole message, so "jag är polis, vem är min motpart i Husie" keeps its role. */
async function directory(ctx: Context, text: string, message: Analysis, analysis = message): Promise<Reply> {
  const { role, unknownAs } = await askerRole(ctx, message);
  const answer = await answerDirectory(ctx, analysis, text, role, message);
  if (!unknownAs) return answer;
  return { ...answer, parts: [{ type: 'notice', level: 'warning', text: `Jag känner inte igen rollen "${unknownAs}". Ange t.ex. polis, socialtjänst eller skola.` }, ...answer.parts] };
}

function guidance(ctx: Context, text: string, asker: Role | undefined, analysis: Analysis): Promise<Reply> {
  return answerGuidance(ctx, analysis, text, asker);
}

/** The asker's role when the message speaks of "vi", "jag", "oss" or "mig" (only then is the profile read). */
async function roleForPronouns(ctx: Context, message: Analysis): Promise<Role | undefined> {
  return ctx.asker.as || mentionsAsker(message.words) ? (await askerRole(ctx, message)).role : undefined;
}

/** Several answers in one message: parts in order, the lowest confidence, buttons without duplicates. */
function combine(replies: readonly Reply[]): Reply {
  if (replies.length === 1) return replies[0]!;
  const seen = new Set<string>();
  const unique = <T extends { label: string }>(list: T[]) => list.filter((b) => !seen.has(b.label) && seen.add(b.label));
  return reply({
    intent: replies[0]!.intent,
    headline: replies.map((r) => r.headline).join(' · '),
    parts: replies.flatMap((r) => r.parts),
    suggestions: unique(replies.flatMap((r) => r.suggestions)),
    buttons: unique(replies.flatMap((r) => r.buttons)),
    confidence: Math.min(...replies.map((r) => r.confidence)),
    ephemeral: replies.some((r) => r.ephemeral),
  });
}

/**
 * Keeps a role the asker stated as theirs, as they would expect of a colleague, and says whether
 * the profile changed. A saved function of the same kind is more precise and is kept.
 */
async function rememberRole(ctx: Context, role: Role): Promise<{ changed: boolean; functionId?: string }> {
  const { platform, userId } = ctx.asker;
  const saved = await ctx.store.profiles.get(platform, userId);
  if (saved?.organisationKind === role.kind) return { changed: false, ...(saved.functionId ? { functionId: saved.functionId } : {}) };
  await ctx.store.profiles.set(platform, userId, { organisationKind: role.kind, updatedAt: ctx.now.toISOString() });
  return { changed: true };
}

/** "jag jobbar på soc" (or "… i Malmö") on its own: the asker says who they are, and where. */
async function introduce(ctx: Context, role: Role, areaName?: string): Promise<Reply> {
  const { functionId } = await rememberRole(ctx, role);
  const keep = functionId !== undefined;
  const counterparts = COUNTERPART_KINDS[role.kind].map(kindLabel).join(' och ');
  const as = keep ? (ctx.knowledge.functions.get(functionId)?.name ?? role.label) : role.label;
  const counterpart = areaName ? await counterpartIn(ctx, { ...role, ...(functionId ? { functionId } : {}) }, areaName) : undefined;
  const where = counterpart && areaName ? `; i ${areaName} är det:` : '.';
  return reply({
    intent: 'profile',
    headline: keep ? `Du är redan sparad som ${as}` : `Sparat: du är ${role.label}`,
    parts: [
      { type: 'text', text: `"Vi" och "jag" i frågor läses som ${as}, och din motpart är ${counterparts}${where}` },
      ...(counterpart ? [{ type: 'contact' as const, contact: counterpart }] : []),
      { type: 'text', text: changeRoleHint(role.kind) },
    ],
    suggestions: areaName && counterpart ? [{ label: `Alla motparter i ${areaName}`, action: { type: 'ask', text: `vem är min motpart i ${areaName}` } }] : [],
  });
}

/**
 * "jag jobbar på soc, får vi …": the role stated with a question is kept for the next one too, and
 * the answer says so, so a misreading is seen and corrected. `--as` is for one question only; a
 * store outage leaves the answer as it is.
 */
async function rememberingStatedRole(ctx: Context, message: Analysis, answer: Reply): Promise<Reply> {
  if (ctx.asker.as) return answer;
  const role = roleInQuestion(message.words);
  if (!role) return answer;
  try {
    if (!(await rememberRole(ctx, role)).changed) return answer;
  } catch (err) {
    if (err instanceof StoreUnavailableError) return answer;
    throw err;
  }
  const notice = `Jag sparade att du är ${role.label}, så "vi" och "jag" läses så i nästa fråga också. ${changeRoleHint(role.kind)}`;
  return { ...answer, parts: [...answer.parts, { type: 'notice', level: 'info', text: notice }] };
}

/** "Hej! Jag jobbar på soc." is an introduction; a longer message that opens with one tells a story. */
const INTRODUCTION_SENTENCES = 2;

async function freeText(ctx: Context, text: string, message: Analysis): Promise<Reply> {
  const replies: Reply[] = [];
  const asker = await roleForPronouns(ctx, message);
  const routes = route(ctx.knowledge, text, asker?.kind, message);
  // "Jag jobbar på soc i Malmö och ska ordna kick-off …" is not an introduction, whatever it says of the asker,
  // nor is a story of several sentences that opens with one ("Jag jobbar som socialsekreterare … Hur söker man skolplats?").
  const introduced = routes.length === 1 && routes[0]!.intent === 'unknown' && !routes[0]!.offTopic && sentencesOf(text).length <= INTRODUCTION_SENTENCES
    ? roleInQuestion(routes[0]!.analysis.words)
    : undefined;
  if (introduced) return introduce(ctx, introduced);
  // "jag jobbar på soc i Malmö": a role and a place, nothing asked.
  const statedIn = routes.length === 1 && routes[0]!.intent === 'directory' && !ctx.asker.as ? roleInQuestion(routes[0]!.analysis.words) : undefined;
  const place = statedIn ? statedPlace(ctx, text, routes[0]!.analysis) : undefined;
  if (statedIn && place) return introduce(ctx, statedIn, place.areaName);
  for (const r of routes) {
    if (r.intent === 'directory') replies.push(await directory(ctx, r.text, message, r.analysis));
    else if (r.intent === 'guidance') replies.push(await guidance(ctx, r.text, asker, r.analysis));
    else if (r.intent === 'checklist') replies.push(await checklistByName(ctx, r.text, (await askerRole(ctx, message)).role));
    else if (r.intent === 'help') replies.push(helpReply(ctx.asker.platform));
    else {
      await recordGap(ctx, text, 'unknown');
      replies.push(unknownReply(ctx.asker.platform));
    }
  }
  return rememberingStatedRole(ctx, message, combine(replies));
}

export function createMotpart(deps: MotpartDeps): Motpart {
  const timezone = deps.timezone ?? 'Europe/Stockholm';
  const now = deps.now ?? (() => new Date());

  async function report(ctx: Context): Promise<Reply> {
    const allowed = ctx.asker.platform === 'cli' || (deps.admins?.has(`${ctx.asker.platform}:${ctx.asker.userId}`) ?? false);
    if (!allowed) {
      return reply({ intent: 'report', headline: 'Rapporten är bara för administratörer', ephemeral: true, confidence: 0 });
    }
    if (!deps.report) {
      return reply({ intent: 'report', headline: 'Rapporten är inte tillgänglig', ephemeral: true, confidence: 0, parts: [{ type: 'text', text: 'Hälsorapporten är inte tillgänglig i den här miljön.' }] });
    }
    return { ...(await deps.report(ctx.asker)), ephemeral: true };
  }

  async function text(ctx: Context, raw: string, command: Command | undefined): Promise<Reply> {
    // The guard runs first, on everything: a personal number is never searched, stored or logged.
    if (containsPersonalNumber(raw)) return personalNumberReply(raw);
    if (raw.length > MAX_QUESTION_LENGTH) return tooLongReply();
    let body = raw;
    let cmd = command;
    const prefix = cmd ? undefined : COMMAND_PREFIX.exec(raw);
    if (prefix) {
      cmd = commandNamed(prefix[1]!);
      body = raw.slice(prefix[0].length);
    }
    if (cmd === 'hjalp') return helpReply(ctx.asker.platform);
    if (cmd === 'rapport') return report(ctx);
    // The message is analysed once, here at the door; the role, the router and the answers read that analysis.
    const message = ctx.knowledge.analyser.analyse(body);
    if (cmd === 'checklista') return checklistByName(ctx, body, (await askerRole(ctx, message)).role);
    // A change to the directory is a statement, not a question: it is read before any routing.
    const statement = cmd === undefined || cmd === 'katalog' ? parseStatement(body, ctx.local.date) : undefined;
    if (statement) return statementReply(ctx, statement, body);
    if (cmd === 'katalog') return changesReply(ctx, !isContentless(body));
    if (isContentless(body)) {
      if (cmd === 'motpart') return directory(ctx, body, message);
      return emptyReply(ctx.asker.platform);
    }
    if (cmd === undefined && isThanks(body)) return thanksReply();
    if (cmd === 'motpart') return rememberingStatedRole(ctx, message, await directory(ctx, body, message));
    if (cmd === 'sekretess') return rememberingStatedRole(ctx, message, await guidance(ctx, body, await roleForPronouns(ctx, message), message));
    return freeText(ctx, body, message);
  }

  async function action(ctx: Context, a: Action): Promise<Reply> {
    switch (a.type) {
      case 'ask':
      case 'share':
        return withFeedbackQuestion(await text(ctx, a.text, undefined), a.text);
      case 'feedback':
        return recordFeedback(ctx, a, async (q) => withFeedbackQuestion(await text(ctx, q, undefined), q));
      case 'checklist.start':
        return startRun(ctx, a.checklistId);
      case 'checklist.toggle':
        return setItem(ctx, a.runId, a.itemId);
      case 'checklist.set':
        return setItem(ctx, a.runId, a.itemId, a.done);
      case 'checklist.reset':
        return resetRun(ctx, a.runId);
      case 'checklist.close':
        return closeRun(ctx, a.runId);
      case 'profile.set':
        return setProfile(ctx, a.functionId);
      case 'directory.propose':
        return propose(ctx, a);
      case 'directory.decide':
        return decide(ctx, a.changeId, a.approve);
      case 'directory.undo':
        return undo(ctx, a.changeId);
    }
  }

  return {
    choices: () => choicesIn(deps.knowledge()),
    async profile(asker) {
      try {
        return await deps.store.profiles.get(asker.platform, asker.userId);
      } catch (err) {
        if (err instanceof StoreUnavailableError) return undefined;
        throw err;
      }
    },
    async handle(input, asker) {
      const started = performance.now();
      let result: Reply;
      try {
        const ctx = createContext({ knowledge: deps.knowledge(), store: deps.store, asker, now: now(), ...(deps.logger ? { logger: deps.logger } : {}), ...(deps.editors ? { editors: deps.editors } : {}), ...(deps.notify ? { notify: deps.notify } : {}) }, timezone);
        if (deps.rateLimit && !(await withinRateLimit(ctx, deps.rateLimit))) result = rateLimitedReply();
        else result = 'action' in input ? await action(ctx, input.action) : withFeedbackQuestion(await text(ctx, input.text ?? '', input.command), input.command ? `/${input.command} ${input.text ?? ''}` : (input.text ?? ''));
      } catch (err) {
        if (err instanceof StoreUnavailableError) {
          // Questions survive a store outage; only saving (checklists, profile, feedback) ends up here.
          const type = 'action' in input ? input.action.type : 'checklist';
          result = cannotSaveReply(type.startsWith('checklist') ? 'checklist' : type === 'profile.set' ? 'profile' : type.startsWith('directory') ? 'upkeep' : 'unknown');
        } else {
          // The message line of a stack could echo user text, so only the frames are logged.
          const stack = err instanceof Error ? err.stack?.split('\n').slice(1).join('\n') : undefined;
          deps.logger?.error({ err: { name: err instanceof Error ? err.name : typeof err, stack }, platform: asker.platform }, 'motpart failed to answer');
          result = failedReply();
        }
      }
      deps.logger?.info({ platform: asker.platform, intent: result.intent, confidence: result.confidence, ms: Math.round(performance.now() - started) }, 'answered');
      return result;
    },
  };
}

async function setProfile(ctx: Context, functionId: string): Promise<Reply> {
  const fn = ctx.knowledge.functions.get(functionId);
  if (!fn) return reply({ intent: 'profile', headline: 'Den funktionen finns inte', confidence: 0, parts: [{ type: 'text', text: 'Välj en funktion som finns i katalogen.' }] });
  const kind = ctx.knowledge.organisations.get(fn.organisation)?.kind;
  await ctx.store.profiles.set(ctx.asker.platform, ctx.asker.userId, { functionId, ...(kind ? { organisationKind: kind } : {}), updatedAt: ctx.now.toISOString() });
  return reply({
    intent: 'profile',
    headline: `Sparat: du hör till ${fn.name}`,
    parts: [{ type: 'text', text: 'Frågor om din motpart utgår nu från den rollen. Du kan byta när som helst.' }],
  });
}
