/**
 * What comes back from a pressed card button (Action.Submit value, messageBack value or
 * Action.Execute data). It arrives from the network, so it is validated like any other input.
 */
import { z } from 'zod';
import { actionSchema, type Action } from '../../core/reply.js';
import { ACTION_DATA_KEY, CHECKLIST_DATA_KEY, toggleId } from './adaptiveCard.js';

const id = z.string().trim().min(1).max(200);

const checklistSaveSchema = z.object({
  runId: id,
  /** The state the card showed, so the submitted toggles can be turned into changes. */
  rendered: z.record(id, z.boolean()),
});

export type CardSubmission =
  | { kind: 'action'; action: Action }
  | { kind: 'checklist'; runId: string; rendered: Record<string, boolean>; submitted: Record<string, boolean> };

export type ParsedSubmission = CardSubmission | { kind: 'invalid'; problem: string } | { kind: 'none' };

function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Toggle values arrive as the card's valueOn/valueOff strings; other clients send booleans. */
function toggled(raw: unknown): boolean | undefined {
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  return undefined;
}

export function parseCardSubmission(value: unknown): ParsedSubmission {
  const data = asRecord(value);
  if (!data) return { kind: 'none' };
  // A messageBack button may deliver its own value nested under msteams when a client passes the data through as-is.
  const nested = asRecord(data.msteams)?.value;
  if (!(ACTION_DATA_KEY in data) && !(CHECKLIST_DATA_KEY in data) && nested !== undefined) return parseCardSubmission(nested);

  if (ACTION_DATA_KEY in data) {
    const parsed = actionSchema.safeParse(data[ACTION_DATA_KEY]);
    return parsed.success
      ? { kind: 'action', action: parsed.data }
      : { kind: 'invalid', problem: `${ACTION_DATA_KEY}: ${parsed.error.issues.map((i) => `${String(i.path[0] ?? '')} ${i.message}`).join('; ')}` };
  }
  if (CHECKLIST_DATA_KEY in data) {
    const parsed = checklistSaveSchema.safeParse(data[CHECKLIST_DATA_KEY]);
    if (!parsed.success) {
      return { kind: 'invalid', problem: `${CHECKLIST_DATA_KEY}: ${parsed.error.issues.map((i) => `${String(i.path[0] ?? '')} ${i.message}`).join('; ')}` };
    }
    const { runId, rendered } = parsed.data;
    const submitted: Record<string, boolean> = {};
    for (const itemId of Object.keys(rendered)) {
      const value = toggled(data[toggleId(runId, itemId)]);
      if (value !== undefined) submitted[itemId] = value;
    }
    return { kind: 'checklist', runId, rendered, submitted };
  }
  return { kind: 'none' };
}
