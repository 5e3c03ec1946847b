/**
 * How the core's Actions travel through Slack: a button carries the Action as JSON in its `value`
 * (at most 2,000 characters), checklist checkboxes carry the run in the block id and the item in
 * the option value. Everything that comes back is validated: it arrives from the network.
 */
import { z } from 'zod';
import { actionSchema, type Action } from '../../core/reply.js';

/** Buttons that carry an encoded Action; a scope and a running number keep action ids unique on a surface. */
export const ACTION_ID_PREFIX = 'motpart.action.';
export const ACTION_ID_PATTERN = /^motpart\.action\.([a-z]+\.)?\d+$/;
/** One checkbox group per ten checklist items, numbered like their blocks. */
export const TICK_ACTION_ID_PREFIX = 'motpart.tick.';
export const TICK_ACTION_ID_PATTERN = /^motpart\.tick\.\d+$/;
/** One role select per hundred functions, numbered. */
export const ROLE_ACTION_ID_PREFIX = 'motpart.role.';
export const ROLE_ACTION_ID_PATTERN = /^motpart\.role\.\d+$/;

/** Slack's limits for what an element may carry back. */
export const MAX_BUTTON_VALUE = 2_000;
export const MAX_OPTION_VALUE = 150;
export const MAX_BLOCK_ID = 255;

const id = z.string().trim().min(1).max(200);

/** The button value for an Action, or undefined when it would not fit (a very long question to share). */
export function encodeAction(action: Action): string | undefined {
  const value = JSON.stringify(action);
  return value.length <= MAX_BUTTON_VALUE ? value : undefined;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

const problemOf = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(värde)'}: ${i.message}`).join('; ');

export function decodeAction(value: unknown): Decoded<Action> {
  if (typeof value !== 'string') return { ok: false, problem: 'button value saknas' };
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return { ok: false, problem: 'button value är inte JSON' };
  }
  const parsed = actionSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: `button value: ${problemOf(parsed.error)}` };
}

/** One checkbox group per ten items; the block id says which run and which group. */
const CHECKLIST_BLOCK = /^checklist:(.+):(\d+)$/;

export function checklistBlockId(runId: string, group: number): string {
  return `checklist:${runId}:${group}`;
}

export function parseChecklistBlockId(blockId: unknown): Decoded<{ runId: string; group: number }> {
  const match = typeof blockId === 'string' && blockId.length <= MAX_BLOCK_ID ? CHECKLIST_BLOCK.exec(blockId) : null;
  const runId = match ? id.safeParse(match[1]) : undefined;
  if (!match || !runId?.success) return { ok: false, problem: 'block_id är inte en checklista' };
  return { ok: true, value: { runId: runId.data, group: Number(match[2]) } };
}

/** An item id as a checkbox option value; ids are short kebab-case words in the knowledge files. */
export const itemIdSchema = z.string().min(1).max(MAX_OPTION_VALUE);

/** A function id as a role option value. */
export const functionIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(MAX_OPTION_VALUE);

/** The App Home remembers the chosen role in the view itself (private_metadata, at most 3,000 characters). */
export const homeMetadataSchema = z.object({ functionId: functionIdSchema.optional() });
export type HomeMetadata = z.infer<typeof homeMetadataSchema>;

export function parseHomeMetadata(raw: unknown): HomeMetadata {
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    const parsed = homeMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
