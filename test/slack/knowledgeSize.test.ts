/**
 * The Block Kit size test on real answers: every question form of every guidance snippet, every
 * function and area asked for, every checklist started, through the real core, rendered for Slack
 * within every limit. Run on the test fixture and on the shipped knowledge.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/slack/blockKit.js';
import { createMotpart, type Input } from '../../src/core/motpart.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createStore } from '../../src/store/index.js';
import { limitViolations } from './limits.js';

const NOW = new Date('2026-11-24T09:30:00.000Z');

describe.each([
  ['test fixture', 'test/fixtures/knowledge-basic'],
  ['shipped knowledge', 'knowledge'],
])('every answer from the %s fits in a Slack message', (_, dir) => {
  it('renders within every Block Kit limit', async () => {
    const knowledge = await loadAndBuild(path.resolve(dir), { today: '2026-11-24' });
    const store = await createStore({ memory: true });
    const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => NOW });
    const { data } = knowledge;
    const inputs: Input[] = [
      ...data.guidance.flatMap((s) => s.questions.map((q) => ({ text: q, command: 'sekretess' as const }))),
      ...data.functions.map((f) => ({ text: f.name, command: 'motpart' as const })),
      ...data.areas.map((a) => ({ text: `vem är min motpart i ${a.name}`, command: 'motpart' as const })),
      ...data.checklists.map((c) => ({ text: c.title, command: 'checklista' as const })),
      ...(['motpart', 'sekretess', 'checklista', 'hjalp'] as const).map((command) => ({ text: '', command })),
    ];
    let largest = 0;
    for (const [i, input] of inputs.entries()) {
      const reply = await motpart.handle(input, { platform: 'slack', userId: `U${i}`, conversationId: `C${i}` });
      const message = renderReply(reply, { share: { type: 'share', text: 'text' in input ? input.text || 'hjälp' : 'hjälp' } });
      expect(limitViolations(message), `${'command' in input ? input.command : ''} "${'text' in input ? input.text : ''}"`).toEqual([]);
      largest = Math.max(largest, JSON.stringify(message.blocks).length);
    }
    expect(inputs.length).toBeGreaterThan(20);
    expect(largest).toBeGreaterThan(0);
    await store.close();
  });
});
