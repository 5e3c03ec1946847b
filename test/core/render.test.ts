import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../src/cli/chat.js';
import { pressables, renderText } from '../../src/core/render/text.js';
import { allReplies, checklistReply, directoryReply, guidanceReply, piiWarningReply, vacancyReply } from '../fixtures/replies.js';
import { asker, harness } from './helpers.js';

describe('renderText with every shared fixture', () => {
  it.each(Object.entries(allReplies))('%s renders its headline and every part', (_, reply) => {
    const text = renderText(reply);
    expect(text.startsWith(reply.headline)).toBe(true);
    for (const part of reply.parts) {
      if (part.type === 'text' || part.type === 'notice') expect(text).toContain(part.text);
      if (part.type === 'contact') expect(text).toContain(part.contact.name);
      if (part.type === 'guidance') expect(text).toContain(part.guidance.answer);
      if (part.type === 'checklist') for (const item of part.checklist.items) expect(text).toContain(item.text);
      if (part.type === 'list') for (const item of part.items) expect(text).toContain(item);
    }
    reply.suggestions.forEach((s) => expect(text).toContain(s.label));
    reply.buttons.forEach((b) => expect(text).toContain(b.label));
    expect(text).not.toMatch(/undefined|\[object Object\]/);
  });

  it('shows the function, contact, hours, holder, deputy and the fallback', () => {
    const text = renderText(directoryReply);
    expect(text).toContain('E-post: mottagning.oster@example.org');
    expect(text).toContain('Öppet: mån–fre 08.00–16.30 (stängt nu)');
    expect(text).toContain('Innehavare: Sara Exempelsson (fiktiv), Gruppledare');
    expect(text).toContain('Ersättare: Ali Testare (fiktiv)');
    expect(text).toMatch(/Reservväg:\n\s+Socialjouren Malmö/);
    expect(text).toContain('Vid fara för liv: ring 112.');
    expect(text).toContain('! Vid akut fara: ring 112.');
  });

  it('shows a vacancy note', () => {
    expect(renderText(vacancyReply)).toContain('! Tjänsten är vakant just nu.');
  });

  it('shows verdict, references, sources, review date and owner of guidance', () => {
    const text = renderText(guidanceReply);
    expect(text).toContain('Beror på: Socialtjänsten till polisen');
    expect(text).toContain('Lagrum: 10 kap. 18 a § OSL');
    expect(text).toContain('Prop. 2011/12:171 – https://lagen.nu/prop/2011/12:171');
    expect(text).toContain('Granskad: 2026-11-01');
    expect(text).toContain('Ansvarig: Kommunjurist Malmö stad');
  });

  it('flags an overdue review', () => {
    const overdue = structuredClone(guidanceReply);
    const part = overdue.parts[0]!;
    if (part.type === 'guidance') part.guidance.reviewOverdue = true;
    expect(renderText(overdue)).toContain('(granskningen är försenad)');
  });

  it('numbers checklist items, then suggestions, then buttons, matching pressables', () => {
    const text = renderText(checklistReply);
    expect(text).toContain('Sociala insatsgrupper – 1 av 3 klara');
    expect(text).toMatch(/\[1\] ☑ Kartlägg den unges situation – SIG-koordinator \(Anna \(fiktiv\), 2026-11-20 10:14\)/);
    expect(text).toContain('[2] ☐ Inhämta skriftligt samtycke från den unge och vårdnadshavare – Socialsekreterare [12 kap. 2 § OSL]');
    expect(text).toContain('[4] Börja om  [5] Avsluta');
    expect(pressables(checklistReply).map((p) => p.action.type)).toEqual(['checklist.toggle', 'checklist.toggle', 'checklist.toggle', 'checklist.reset', 'checklist.close']);
    expect(renderText(guidanceReply)).toMatch(/Förslag:\n {2}\[1\] Checklista/);
  });

  it('renders the personal-number warning', () => {
    expect(renderText(piiWarningReply)).toContain('⚠ Meddelandet innehöll något som ser ut som ett personnummer.');
  });
});

describe('the chat console', () => {
  async function chat(lines: string[], end: 'avsluta' | 'eof'): Promise<string> {
    const h = await harness();
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (c: Buffer) => (out += c.toString()));
    const done = runChat({ motpart: h.motpart, asker: asker(), input, output });
    for (const line of lines) input.write(`${line}\n`);
    if (end === 'avsluta') input.write('avsluta\n');
    else input.end();
    await done;
    return out;
  }

  it('answers, presses numbered suggestions, runs /checklista and ends on "avsluta"', async () => {
    const out = await chat(['hjälp', '3', '/checklista sig', '1'], 'avsluta');
    expect(out).toContain('Så här använder du Motpart');
    expect(out).toContain('Socialjouren Malmö'); // suggestion 3 of the help reply
    expect(out).toContain('Sociala insatsgrupper (SIG) – 0 av 3 klara');
    expect(out).toContain('Sociala insatsgrupper (SIG) – 1 av 3 klara');
    expect(out.trimEnd().endsWith('Hej då!')).toBe(true);
  });

  it('ends at end of input (Ctrl-D) and skips empty lines', async () => {
    const out = await chat(['', 'vem är min motpart i Rosengård'], 'eof');
    expect(out).toContain('Motparter i Rosengård');
    expect(out.trimEnd().endsWith('Hej då!')).toBe(true);
  });
});
