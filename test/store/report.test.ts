/**
 * The health report the administrators ask for with `rapport`: what to fix so the knowledge does
 * not depend on persons. Built from the fixture knowledge on a fixed day and a real (memory) store.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHealthReport, snippetVotes, topGaps } from '../../src/core/report.js';
import type { Store } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { renderText } from '../../src/core/render/text.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { createStore } from '../../src/store/index.js';
import { unavailableStore } from '../../src/store/unavailableStore.js';
import { fixtureKnowledge, personalNumber } from './support/helpers.js';

let knowledge: Knowledge;
const NOW = new Date('2027-06-10T10:00:00+02:00');

beforeAll(async () => {
  knowledge = await loadAndBuild(fixtureKnowledge);
});

function section(report: Reply, title: string): string[] {
  const part = report.parts.find((p) => (p.type === 'list' || p.type === 'text') && p.title === title);
  if (!part) throw new Error(`no section "${title}"`);
  return part.type === 'list' ? part.items : [part.type === 'text' ? part.text : ''];
}

async function storeWithHistory(): Promise<Store> {
  const store = await createStore({ memory: true });
  const at = (minute: number) => `2027-06-0${1 + (minute % 9)}T08:${String(minute).padStart(2, '0')}:00.000Z`;
  const asked = ['vem har hand om LSS i Kinda', 'Vem har hand om lss i kinda?', 'vem  har hand om LSS i Kinda', 'får skolan ringa soc utan samtycke', 'får skolan ringa soc utan samtycke', 'hur länge sparas orosanmälan'];
  for (const [i, question] of asked.entries()) await store.gaps.record({ question, intent: 'guidance', at: at(i) });
  // generalklausul: three people, two unhappy (one changed their mind to 👎); samtycke: mostly happy.
  const votes: Array<[string, string, boolean, number]> = [
    ['generalklausul-10-27', 'U1', true, 1],
    ['generalklausul-10-27', 'U1', false, 2],
    ['generalklausul-10-27', 'U2', false, 3],
    ['generalklausul-10-27', 'U3', true, 4],
    ['samtycke-grund', 'U1', true, 5],
    ['samtycke-grund', 'U2', false, 6],
    ['samtycke-grund', 'U3', true, 7],
    ['polis-till-skola', 'U9', false, 8],
  ];
  for (const [targetId, by, helpful, minute] of votes) await store.feedback.record({ target: 'snippet', targetId, helpful, by, at: at(minute) });
  await store.feedback.record({ target: 'directory', targetId: 'socialjouren-malmo', helpful: false, by: 'U1', at: at(9) });
  return store;
}

describe('buildHealthReport', () => {
  it('lists what editors should fix, privately, in Swedish', async () => {
    const report = await buildHealthReport(knowledge, await storeWithHistory(), NOW);
    expect(report).toMatchObject({ intent: 'report', ephemeral: true, headline: 'Hälsorapport för Motpart' });

    expect(section(report, 'Vanligaste obesvarade frågorna')).toEqual([
      '3 gånger: vem har hand om LSS i Kinda',
      '2 gånger: får skolan ringa soc utan samtycke',
      '1 gång: hur länge sparas orosanmälan',
    ]);
    expect(section(report, 'Vägledning med låga betyg')).toEqual([expect.stringMatching(/^.+ \(generalklausul-10-27\): 1 av 3 tyckte att svaret hjälpte$/)]);

    const overdue = section(report, 'Vägledning som har passerat granskningsdatum');
    expect(overdue.map((l) => /\(([a-z0-9-]+)\)/.exec(l)?.[1])).toEqual(['generalklausul-10-27', 'sspf-samtycke', 'socialtjanst-sekretess-26-1']);
    expect(overdue[0]).toMatch(/skulle granskas senast 2025-01-15, ansvarig .+/);

    const unstaffed = section(report, 'Funktioner utan aktuell innehavare eller ersättare');
    expect(unstaffed).toContain('Kommunpolis Malmö Syd (kommunpolis-malmo-syd): varken innehavare eller ersättare');
    expect(unstaffed.some((l) => l.startsWith('Mottagningsenheten') && l.includes('(mottagning-barn-unga-malmo-soder): varken innehavare eller ersättare'))).toBe(true);
    expect(unstaffed.some((l) => l.includes('(socialjouren-malmo)'))).toBe(false);

    expect(section(report, 'Innehavare vars period slutar inom 30 dagar')).toEqual([expect.stringMatching(/^Nora Vikarsson \(fiktiv\), .+: perioden slutar 2027-06-30$/)]);
    expect(renderText(report)).toContain('Hälsorapport för Motpart');
  });

  it('says plainly when there is nothing to fix in a section', async () => {
    const report = await buildHealthReport(knowledge, await createStore({ memory: true }), new Date('2026-06-01T10:00:00+02:00'));
    expect(section(report, 'Vanligaste obesvarade frågorna')).toEqual(['Inga obesvarade frågor har loggats.']);
    expect(section(report, 'Vägledning med låga betyg')).toEqual(['Inget avsnitt har fått övervägande 👎 (minst 2 röster).']);
    expect(section(report, 'Innehavare vars period slutar inom 30 dagar')).toEqual(['Ingen innehavares period slutar före 2026-07-01.']);
  });

  it('still reports on the knowledge when the store is down, and says what is missing', async () => {
    const report = await buildHealthReport(knowledge, unavailableStore, NOW);
    expect(report.parts).toContainEqual({ type: 'notice', level: 'warning', text: 'Lagringen går inte att nå just nu, så obesvarade frågor, återkoppling och ändringar från chatten saknas i rapporten.' });
    expect(section(report, 'Vägledning som har passerat granskningsdatum')).toHaveLength(3);
  });

  it('never shows a personal number, even from a gap log written by something else', () => {
    const pnr = personalNumber(3);
    const top = topGaps([{ question: `vem handlägger ${pnr}`, intent: 'directory', at: '2027-06-01T08:00:00Z' }]);
    expect(top).toEqual([{ question: 'vem handlägger [personnummer]', count: 1 }]);
  });

  it('counts each person once per snippet, with their latest vote', () => {
    const votes = snippetVotes([
      { target: 'snippet', targetId: 's', helpful: false, by: 'U1', at: '2027-06-01T09:00:00Z' },
      { target: 'snippet', targetId: 's', helpful: true, by: 'U1', at: '2027-06-01T08:00:00Z' },
      { target: 'directory', targetId: 's', helpful: true, by: 'U2', at: '2027-06-01T08:00:00Z' },
    ]);
    expect(votes.get('s')).toEqual({ helpful: 0, total: 1 });
  });
});
