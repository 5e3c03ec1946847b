/**
 * Block Kit's limits as a checker: every message and view the Slack adapter produces, in unit and
 * end-to-end tests, goes through it. Returns what is broken, so a failing test names the field.
 */
import { LIMITS } from '../../src/adapters/slack/blockKit.js';

type Json = Record<string, any>;

const textOf = (t: Json | undefined) => (typeof t?.text === 'string' ? t.text : '');

export function limitViolations(surface: { text?: unknown; blocks?: unknown }, kind: 'message' | 'view' = 'message'): string[] {
  const problems: string[] = [];
  const blocks = (Array.isArray(surface.blocks) ? surface.blocks : []) as Json[];
  const maxBlocks = kind === 'message' ? LIMITS.blocksPerMessage : LIMITS.blocksPerView;
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  if (kind === 'message') {
    if (typeof surface.text !== 'string' || surface.text.trim() === '') problems.push('fallback text missing');
    else if (surface.text.length > LIMITS.fallbackText) problems.push(`fallback text ${surface.text.length} > ${LIMITS.fallbackText}`);
    const size = JSON.stringify(blocks).length;
    if (size > LIMITS.blocksJson) problems.push(`blocks JSON ${size} > ${LIMITS.blocksJson}`);
  }
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const checkString = (what: string, value: unknown, max: number) => {
    if (typeof value !== 'string' || value.length === 0) problems.push(`${what}: empty`);
    else if (value.length > max) problems.push(`${what}: ${value.length} > ${max}`);
  };
  const checkActionId = (where: string, id: unknown) => {
    checkString(`${where} action_id`, id, 255);
    if (typeof id === 'string' && actionIds.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
    if (typeof id === 'string') actionIds.add(id);
  };
  const checkOption = (where: string, o: Json) => {
    checkString(`${where} option text`, textOf(o.text), LIMITS.optionText);
    if (o.description) checkString(`${where} option description`, textOf(o.description), LIMITS.optionDescription);
    checkString(`${where} option value`, o.value, 150);
  };

  blocks.forEach((block, i) => {
    const where = `blocks[${i}] (${block.type})`;
    if (block.block_id !== undefined) {
      checkString(`${where} block_id`, block.block_id, 255);
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        if (block.text?.type !== 'plain_text') problems.push(`${where}: header text must be plain_text`);
        checkString(`${where} text`, textOf(block.text), LIMITS.headerText);
        break;
      case 'section':
        checkString(`${where} text`, textOf(block.text), LIMITS.sectionText);
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > LIMITS.contextElements) problems.push(`${where}: ${block.elements?.length} elements`);
        for (const e of block.elements ?? []) checkString(`${where} element`, textOf(e), LIMITS.sectionText);
        break;
      case 'divider':
        break;
      case 'actions': {
        const elements = (block.elements ?? []) as Json[];
        if (elements.length === 0 || elements.length > LIMITS.buttonsPerActions) problems.push(`${where}: ${elements.length} elements`);
        for (const e of elements) {
          checkActionId(where, e.action_id);
          if (e.type === 'button') {
            if (e.text?.type !== 'plain_text') problems.push(`${where}: button text must be plain_text`);
            checkString(`${where} button text`, textOf(e.text), LIMITS.buttonText);
            checkString(`${where} button value`, e.value, 2_000);
          } else if (e.type === 'checkboxes') {
            const options = (e.options ?? []) as Json[];
            if (options.length === 0 || options.length > LIMITS.optionsPerCheckboxes) problems.push(`${where}: ${options.length} checkbox options`);
            options.forEach((o) => checkOption(where, o));
            const shown = new Set(options.map((o) => JSON.stringify(o)));
            if (e.initial_options !== undefined && (e.initial_options.length === 0 || e.initial_options.some((o: Json) => !shown.has(JSON.stringify(o))))) {
              problems.push(`${where}: initial_options must be non-empty and match options exactly`);
            }
          } else if (e.type === 'static_select') {
            const groups = (e.option_groups ?? []) as Json[];
            const options = [...(e.options ?? []), ...groups.flatMap((g) => g.options)] as Json[];
            if (options.length === 0 || options.length > LIMITS.optionsPerSelect) problems.push(`${where}: ${options.length} select options`);
            if (groups.length > 100) problems.push(`${where}: ${groups.length} option groups`);
            groups.forEach((g) => checkString(`${where} group label`, textOf(g.label), LIMITS.optionText));
            options.forEach((o) => checkOption(where, o));
            checkString(`${where} placeholder`, textOf(e.placeholder), 150);
          } else {
            problems.push(`${where}: unexpected element ${e.type}`);
          }
        }
        break;
      }
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}
