/**
 * What a surface can offer to pick from (the Slack App Home's role menu and checklist shortcuts):
 * the directory's functions as roles, and the checklists. A query of the current knowledge, so that
 * adapters show choices without knowing how the knowledge is indexed.
 */
import type { Knowledge } from './knowledge/knowledge.js';

/** A function someone can say they work in, with its organisation's name. */
export interface RoleChoice {
  functionId: string;
  name: string;
  organisation: string;
}

export interface Choices {
  /** Every function, by organisation and then by name, in Swedish alphabetical order. */
  roles: readonly RoleChoice[];
  /** The role with this function id, or undefined when the directory no longer has it. */
  role(functionId: string): RoleChoice | undefined;
  /** The checklists, in the knowledge's order. */
  checklists: ReadonlyArray<{ id: string; title: string }>;
}

const collator = new Intl.Collator('sv');

export function choicesIn(knowledge: Knowledge): Choices {
  const role = (fn: { id: string; name: string; organisation: string }): RoleChoice => ({
    functionId: fn.id,
    name: fn.name,
    organisation: knowledge.organisations.get(fn.organisation)?.name ?? fn.organisation,
  });
  return {
    roles: knowledge.data.functions.map(role).sort((a, b) => collator.compare(a.organisation, b.organisation) || collator.compare(a.name, b.name)),
    role(functionId) {
      const fn = knowledge.functions.get(functionId);
      return fn ? role(fn) : undefined;
    },
    checklists: knowledge.data.checklists.map((c) => ({ id: c.id, title: c.title })),
  };
}
