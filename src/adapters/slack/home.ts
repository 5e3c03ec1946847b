/**
 * The App Home tab: the user's role ("min roll"), picked from the directory's functions grouped by
 * organisation, shortcuts to the checklists and a short help. The chosen role is kept in the
 * view's private_metadata, so the tab shows it again without a store lookup.
 */
import type { types } from '@slack/bolt';
import type { Choices } from '../../core/choices.js';
import { COUNTERPART_KINDS, kindLabel } from '../../core/directory/role.js';
import { reply, type Reply } from '../../core/reply.js';
import { functionIdSchema, ROLE_ACTION_ID_PREFIX, type HomeMetadata } from './actions.js';
import { cut, LIMITS, mrkdwnText, renderReply, type KnownBlock } from './blockKit.js';

type Option = types.PlainTextOption;
type OptionGroup = { label: types.PlainTextElement; options: Option[] };

export interface HomeInput {
  /** The roles and checklists to offer (the core's query of the current knowledge). */
  choices: Choices;
  /** The role chosen earlier, if any. */
  functionId?: string;
  /** The kind of role saved from a message ("jag är polis") when no function is chosen. */
  organisationKind?: string;
  /** The core's answer to the last choice (saved, or why not). */
  notice?: Reply;
  /** The core's help reply. */
  help: Reply;
}

interface RoleOption {
  organisation: string;
  option: Option;
}

/** The roles in the core's order, except those whose id cannot be a button value. */
function roleOptions(choices: Choices): RoleOption[] {
  return choices.roles
    .filter((role) => functionIdSchema.safeParse(role.functionId).success)
    .map((role) => ({
      organisation: role.organisation,
      option: { text: { type: 'plain_text' as const, text: cut(role.name, LIMITS.optionText) }, value: role.functionId },
    }));
}

/** Groups per organisation; a select holds at most 100 options, so a larger directory gets several selects. */
function roleSelects(choices: Choices, functionId: string | undefined): KnownBlock[] {
  const all = roleOptions(choices);
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

function roleText(choices: Choices, functionId: string | undefined, organisationKind?: string): string {
  const role = functionId ? choices.role(functionId) : undefined;
  if (!role && organisationKind && organisationKind in COUNTERPART_KINDS) {
    const kind = organisationKind as keyof typeof COUNTERPART_KINDS;
    return `Din roll: *${mrkdwnText(kindLabel(kind), 100)}*. Svar om *min motpart* utgår från den. Välj din funktion nedan för mer precisa svar.`;
  }
  if (!role) return 'Du har inte valt roll än. Välj den funktion du arbetar i, så utgår svar om *min motpart* från den.';
  return `Din roll: *${mrkdwnText(role.name, 300)}* (${mrkdwnText(role.organisation, 300)}). Frågor om din motpart utgår från den.`;
}

function checklistShortcuts({ checklists }: Choices): KnownBlock[] {
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
  const { choices, functionId } = input;
  const metadata: HomeMetadata = functionId ? { functionId } : {};
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Motpart' } },
    { type: 'section', text: { type: 'mrkdwn', text: 'Hitta rätt motpart i ett område, se vad som får delas enligt OSL och bocka av checklistor tillsammans.' } },
    { type: 'header', text: { type: 'plain_text', text: 'Min roll' } },
    ...(input.notice ? noticeBlocks(input.notice) : []),
    { type: 'section', text: { type: 'mrkdwn', text: roleText(choices, functionId, input.organisationKind) } },
    ...roleSelects(choices, functionId),
    { type: 'divider' },
    ...checklistShortcuts(choices),
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Hjälp' } },
    ...renderReply(input.help, { headline: false, actionScope: 'help' }).blocks,
  ];
  return { type: 'home', private_metadata: JSON.stringify(metadata), blocks: blocks.slice(0, LIMITS.blocksPerView) };
}
