/**
 * The App Home tab: the user's role ("min roll"), picked from the directory's functions grouped by
 * organisation, shortcuts to the checklists and a short help. The chosen role is kept in the
 * view's private_metadata, so the tab shows it again without a store lookup.
 */
import type { types } from '@slack/bolt';
import { COUNTERPART_KINDS, kindLabel } from '../../core/directory/role.js';
import { reply, type Reply } from '../../core/reply.js';
import type { OrganisationKind } from '../../core/knowledge/schema.js';
import type { Knowledge } from '../../core/knowledge/knowledge.js';
import { functionIdSchema, ROLE_ACTION_ID_PREFIX, type HomeMetadata } from './actions.js';
import { cut, LIMITS, mrkdwnText, renderReply, type KnownBlock } from './blockKit.js';

type Option = types.PlainTextOption;
type OptionGroup = { label: types.PlainTextElement; options: Option[] };

export interface HomeInput {
  knowledge: Knowledge;
  /** The role chosen earlier, if any. */
  functionId?: string;
  /** The kind of role saved from a message ("jag är polis") when no function is chosen. */
  organisationKind?: string;
  /** The core's answer to the last choice (saved, or why not). */
  notice?: Reply;
  /** The core's help reply. */
  help: Reply;
}

const collator = new Intl.Collator('sv');

interface RoleOption {
  organisation: string;
  option: Option;
}

function roleOptions(knowledge: Knowledge): RoleOption[] {
  return knowledge.data.functions
    .filter((fn) => functionIdSchema.safeParse(fn.id).success)
    .map((fn) => ({
      organisation: knowledge.organisations.get(fn.organisation)?.name ?? fn.organisation,
      option: { text: { type: 'plain_text' as const, text: cut(fn.name, LIMITS.optionText) }, value: fn.id },
    }))
    .sort((a, b) => collator.compare(a.organisation, b.organisation) || collator.compare(a.option.text.text, b.option.text.text));
}

/** Groups per organisation; a select holds at most 100 options, so a larger directory gets several selects. */
function roleSelects(knowledge: Knowledge, functionId: string | undefined): KnownBlock[] {
  const all = roleOptions(knowledge);
  const blocks: KnownBlock[] = [];
  for (let start = 0, n = 0; start < all.length; start += LIMITS.optionsPerSelect, n++) {
    const chunk = all.slice(start, start + LIMITS.optionsPerSelect);
    const groups: OptionGroup[] = [];
    for (const { organisation, option } of chunk) {
      const last = groups.at(-1);
      if (last && last.label.text === cut(organisation, LIMITS.optionText)) last.options.push(option);
      else groups.push({ label: { type: 'plain_text', text: cut(organisation, LIMITS.optionText) }, options: [option] });
    }
    const initial = chunk.find((o) => o.option.value === functionId)?.option;
    const organisations = [...new Set(chunk.map((o) => o.organisation))];
    const placeholder = all.length > LIMITS.optionsPerSelect ? `Välj funktion: ${organisations[0]} – ${organisations.at(-1)}` : 'Välj din funktion';
    blocks.push({
      type: 'actions',
      block_id: `role:${n}`,
      elements: [
        {
          type: 'static_select',
          action_id: `${ROLE_ACTION_ID_PREFIX}${n}`,
          placeholder: { type: 'plain_text', text: cut(placeholder, 150) },
          option_groups: groups,
          ...(initial ? { initial_option: initial } : {}),
        },
      ],
    });
  }
  return blocks;
}

function roleText(knowledge: Knowledge, functionId: string | undefined, organisationKind?: string): string {
  const fn = functionId ? knowledge.functions.get(functionId) : undefined;
  if (!fn && organisationKind && organisationKind in COUNTERPART_KINDS) {
    const kind = organisationKind as OrganisationKind;
    return `Din roll: *${mrkdwnText(kindLabel(kind), 100)}*. Svar om *min motpart* utgår från den. Välj din funktion nedan för mer precisa svar.`;
  }
  if (!fn) return 'Du har inte valt roll än. Välj den funktion du arbetar i, så utgår svar om *min motpart* från den.';
  const organisation = knowledge.organisations.get(fn.organisation)?.name ?? fn.organisation;
  return `Din roll: *${mrkdwnText(fn.name, 300)}* (${mrkdwnText(organisation, 300)}). Frågor om din motpart utgår från den.`;
}

function checklistShortcuts(knowledge: Knowledge): KnownBlock[] {
  const checklists = knowledge.data.checklists;
  if (checklists.length === 0) return [];
  const shortcuts = reply({
    intent: 'checklist',
    headline: 'Checklistor',
    suggestions: checklists.map((c) => ({ label: `📋 ${c.title}`, action: { type: 'checklist.start', checklistId: c.id } })),
  });
  return [
    { type: 'header', text: { type: 'plain_text', text: 'Checklistor' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Checklistan skickas till dig här under Meddelanden. I en kanal: skriv `/checklista namn`.' }] },
    ...renderReply(shortcuts, { headline: false, actionScope: 'checklists' }).blocks,
  ];
}

/** The core's answer to a role choice, as a short note above the role. */
function noticeBlocks(notice: Reply): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `*${mrkdwnText(notice.headline, 300)}*` } },
    ...renderReply(notice, { headline: false, actionScope: 'notice' }).blocks,
  ];
}

export function homeView(input: HomeInput): types.HomeView {
  const { knowledge, functionId } = input;
  const metadata: HomeMetadata = functionId ? { functionId } : {};
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Motpart' } },
    { type: 'section', text: { type: 'mrkdwn', text: 'Hitta rätt motpart i ett område, se vad som får delas enligt OSL och bocka av checklistor tillsammans.' } },
    { type: 'header', text: { type: 'plain_text', text: 'Min roll' } },
    ...(input.notice ? noticeBlocks(input.notice) : []),
    { type: 'section', text: { type: 'mrkdwn', text: roleText(knowledge, functionId, input.organisationKind) } },
    ...roleSelects(knowledge, functionId),
    { type: 'divider' },
    ...checklistShortcuts(knowledge),
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Hjälp' } },
    ...renderReply(input.help, { headline: false, actionScope: 'help' }).blocks,
  ];
  return { type: 'home', private_metadata: JSON.stringify(metadata), blocks: blocks.slice(0, LIMITS.blocksPerView) };
}
