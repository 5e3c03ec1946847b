/**
 * Directory upkeep on Redis with two bot processes (issue 22): a change made through one instance
 * shows in answers through the other, starts and ends by the clock, and an approval pressed on
 * both at once is made once.
 */
import { describe, expect, it } from 'vitest';
import type { Asker } from '../../src/core/ports.js';
import type { Button, ContactCard, Reply } from '../../src/core/reply.js';
import { twoBotsOnRedis, type BotProcess } from './support/helpers.js';

const { redis, botA, botB } = twoBotsOnRedis();

const SARA: Asker = { platform: 'slack', userId: 'USARA', displayName: 'Sara', conversationId: 'DSARA' };
const EDITOR: Asker = { platform: 'teams', userId: 'aad-edit', conversationId: 'a:edit' };
const POLICE: Asker = { platform: 'slack', userId: 'UPOLIS', conversationId: 'CPOLIS', as: 'polis' };
const day = (date: string) => `${date}T09:30:00.000Z`;

function button(r: Reply, label: string): Button {
  const found = r.buttons.find((b) => b.label === label);
  if (!found) throw new Error(`no "${label}" in "${r.headline}"`);
  return found;
}
async function osterCard(bot: BotProcess, date: string): Promise<ContactCard> {
  const r = await bot.handle({ text: 'vem är min motpart i rosengard' }, POLICE, day(date));
  const card = r.parts.flatMap((p) => (p.type === 'contact' && p.contact.functionId === 'mottagning-barn-unga-malmo-oster' ? [p.contact] : []))[0];
  if (!card) throw new Error(`no card in "${r.headline}"`);
  return card;
}

describe('directory upkeep on two instances sharing Redis', () => {
  it('a stand-in set through one shows through the other and ends on its date', async () => {
    const asked = await botA().handle({ text: 'jag är ledig 15–30 december, Kim Exempel (fiktiv) vikarierar' }, SARA, day('2026-11-24'));
    expect((await botA().handle({ action: button(asked, 'Ja, spara').action }, SARA)).headline).toBe('Sparat');
    expect((await osterCard(botB(), '2026-12-16')).notes).toContain('Vikarie till 30 december: Kim Exempel (fiktiv).');
    expect((await osterCard(botB(), '2026-12-31')).holder?.name).toBe('Sara Exempelsson (fiktiv)');
  });

  it('a handover asked for on one is approved once when pressed on both at once', async () => {
    const asked = await botA().handle({ text: 'från 1 januari är det Nora Nyfiktiv (fiktiv) som har funktionen' }, SARA, day('2026-11-24'));
    expect((await botA().handle({ action: button(asked, 'Ja, spara').action }, SARA)).headline).toBe('Väntar på godkännande');
    const list = await botB().handle({ text: '', command: 'katalog' }, EDITOR, day('2026-11-24'));
    const approve = button(list, 'Godkänn 1').action;
    const [a, b] = await Promise.all([botA().handle({ action: approve }, EDITOR), botB().handle({ action: approve }, EDITOR)]);
    expect([a.headline, b.headline].sort()).toEqual(['Godkänt', 'Redan avgjord']);
    expect((await osterCard(botA(), '2027-01-02')).holder?.name).toBe('Nora Nyfiktiv (fiktiv)');
  });
});
