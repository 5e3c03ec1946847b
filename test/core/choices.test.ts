/** The roles and checklists a surface offers to pick from, asked of the core rather than read from the knowledge. */
import { describe, expect, it } from 'vitest';
import { harness } from './helpers.js';

describe('choices', () => {
  it('lists every function as a role, by organisation and then name in Swedish order, with its organisation named', async () => {
    const { motpart, knowledge } = await harness();
    const { roles } = motpart.choices();
    expect(roles).toHaveLength(knowledge.data.functions.length);
    const collator = new Intl.Collator('sv');
    const sorted = [...roles].sort((a, b) => collator.compare(a.organisation, b.organisation) || collator.compare(a.name, b.name));
    expect(roles).toEqual(sorted);
    // "Södertälje" after "Socialtjänsten": å, ä and ö come after z in Swedish.
    expect(roles.at(-1)?.organisation).toBe('Södertälje kommun, kommunledningskontoret');
    expect(roles).toContainEqual({ functionId: 'kommunpolis-malmo-oster', name: 'Kommunpolis Malmö Öster', organisation: 'Polisen region Syd' });
  });

  it('finds a role by function id, and nothing for an id the directory no longer has', async () => {
    const { motpart } = await harness();
    expect(motpart.choices().role('kommunpolis-malmo-oster')).toEqual({ functionId: 'kommunpolis-malmo-oster', name: 'Kommunpolis Malmö Öster', organisation: 'Polisen region Syd' });
    expect(motpart.choices().role('borttagen-funktion')).toBeUndefined();
  });

  it('lists the checklists in the knowledge order, by id and title', async () => {
    const { motpart, knowledge } = await harness();
    expect(motpart.choices().checklists).toEqual(knowledge.data.checklists.map((c) => ({ id: c.id, title: c.title })));
    expect(motpart.choices().checklists).toContainEqual({ id: 'sociala-insatsgrupper', title: 'Sociala insatsgrupper (SIG)' });
  });
});
