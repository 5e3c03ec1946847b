import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../src/cli/chat.js';
import { closedNowLead } from '../../src/core/reply.js';
import { pressables, renderText, wrapText } from '../../src/core/render/text.js';
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
    expect(text).toContain('Öppettider: mån–fre 08.00–16.30 (stängt nu)');
    expect(text).toContain('Kontaktperson: Sara Exempelsson (fiktiv), Gruppledare');
    expect(text).toContain('Ersättare: Ali Testare (fiktiv)\n');
    expect(text).toMatch(/Reservväg:\n\s+Socialjouren Malmö/);
    expect(text).toContain('Vid fara för liv: ring 112.');
    expect(text).toContain('! Vid akut fara: ring 112.');
  });

  it('says what to do now first when the counterpart is closed', () => {
    const lines = renderText(directoryReply).split('\n').filter(Boolean);
    expect(lines[0]).toBe('Din motpart i Rosengård');
    expect(lines[1]).toBe('→ Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt)');
    expect(lines[2]).toBe('▸ Mottagningsenheten barn och unga, Område Öster');
  });

  it('does not send the asker to a fallback that is closed too: says so, and 112 for acute danger', () => {
    const contact = directoryReply.parts.flatMap((p) => (p.type === 'contact' ? [p.contact] : []))[0]!;
    const bothClosed = { ...contact, fallback: { ...contact.fallback!, openNow: false } };
    expect(closedNowLead(bothClosed)).toBe('Stängt nu, och Socialjouren Malmö också – vid akut fara: ring 112');
    expect(closedNowLead(contact)).toBe('Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt)');
  });

  it('shows a vacancy note', () => {
    expect(renderText(vacancyReply)).toContain('! Tjänsten är vakant just nu.');
  });

  it('shows verdict, references, sources, review date and owner of guidance', () => {
    const text = renderText(guidanceReply);
    // The title once (the headline), then the verdict on a line of its own.
    expect(text.startsWith('Socialtjänsten till polisen för att förebygga brott (under 21) (10 kap. 18 a § OSL)\n\nBeror på\nSocialtjänsten får')).toBe(true);
    expect(text.split('förebygga brott').length - 1).toBe(1);
    expect(text).toContain('Lagrum: 10 kap. 18 a § OSL');
    expect(text).toContain('Prop. 2011/12:171 – https://lagen.nu/prop/2011/12:171');
    expect(text).toContain('Granskad: 2026-11-01');
    expect(text).toContain('Innehållsansvarig: Kommunjurist Malmö stad');
  });

  it('flags an overdue review', () => {
    const overdue = structuredClone(guidanceReply);
    const part = overdue.parts[0]!;
    if (part.type === 'guidance') part.guidance.reviewOverdue = true;
    expect(renderText(overdue)).toContain('(granskningen är försenad)');
  });

  it('numbers checklist steps by their place in the checklist and letters suggestions and buttons, matching pressables', () => {
    const text = renderText(checklistReply);
    expect(text).toContain('Checklista: Sociala insatsgrupper\n\n1 av 3 klara');
    // Who ticked and when, in Swedish, beside the responsible role.
    expect(text).toContain('[1] ☑ Kartlägg den unges situation – SIG-koordinator (Anna (fiktiv), 20 nov. 10:14)');
    expect(text).toContain('[2] ☐ Inhämta skriftligt samtycke från den unge och vårdnadshavare – Socialsekreterare [12 kap. 2 § OSL]');
    expect(text).toContain('[a] Börja om  [b] Avsluta');
    expect(pressables(checklistReply).map((p) => [p.key, p.action.type])).toEqual([
      ['1', 'checklist.toggle'],
      ['2', 'checklist.toggle'],
      ['3', 'checklist.toggle'],
      ['a', 'checklist.reset'],
      ['b', 'checklist.close'],
    ]);
    // A suggestion never takes a number, so "1" never means a suggestion after one reply and a step after another.
    expect(renderText(guidanceReply)).toMatch(/Förslag:\n {2}\[a\] Checklista/);
    expect(pressables(guidanceReply).every((p) => /^[a-z]+$/.test(p.key))).toBe(true);
  });

  it('wraps at word boundaries to the width, continuation lines under the text', () => {
    const text = renderText(guidanceReply, { width: 60 });
    for (const line of text.split('\n')) if (!/https?:\/\//.test(line)) expect([...line].length).toBeLessThanOrEqual(60);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    // Nothing is lost or broken mid-word: the same words in the same order.
    expect(words(text)).toEqual(words(renderText(guidanceReply)));
    expect(wrapText('  • ett två tre fyra fem sex sju', 20)).toBe('  • ett två tre fyra\n    fem sex sju');
    expect(wrapText('2. ☑ ett två tre fyra fem sex', 20)).toBe('2. ☑ ett två tre\n     fyra fem sex');
  });

  it('renders the personal-number warning', () => {
    expect(renderText(piiWarningReply)).toContain('⚠ Meddelandet innehöll något som ser ut som ett personnummer.');
  });
});

describe('the chat console', () => {
  async function chat(lines: string[], end: 'hejdå' | 'eof', width?: number): Promise<string> {
    const h = await harness();
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (c: Buffer) => (out += c.toString()));
    const done = runChat({ motpart: h.motpart, asker: asker(), input, output, ...(width ? { width } : {}) });
    for (const line of lines) input.write(`${line}\n`);
    if (end === 'hejdå') input.write('hejdå\n');
    else input.end();
    await done;
    return out;
  }

  it('answers, presses a lettered suggestion, runs /checklista, ticks steps by number and ends on "hejdå"', async () => {
    const out = await chat(['hjälp', 'c', '/checklista sig', '1'], 'hejdå');
    expect(out).toContain('Så här använder du Motpart');
    expect(out).toContain('Socialjouren Malmö'); // suggestion c of the help reply
    expect(out).toContain('Checklista: Sociala insatsgrupper (SIG)\n\n0 av 3 klara');
    expect(out).toContain('1 av 3 klara');
    expect(out.trimEnd().endsWith('Hej då!')).toBe(true);
  });

  it('keeps step numbers across other replies, ticks two with "3 2", and closes the checklist on "avsluta" after a "ja"', async () => {
    const out = await chat(['/checklista sig', 'vem är min motpart i Rosengård', '3 2', 'avsluta', 'ja', 'vem är min motpart i Rosengård'], 'hejdå');
    // The directory answer in between does not renumber: "3 2" still ticks steps 3 and 2.
    expect(out).toContain('2 av 3 klara');
    expect(out).toMatch(/\[2\] ☑ .*\n\[3\] ☑/);
    expect(out).toContain('Avsluta checklistan "Sociala insatsgrupper (SIG)"?');
    expect(out).toContain('(avslutad)');
    // "avsluta" closed the checklist, not the program: the next question was still answered.
    expect(out.split('Motparter i Rosengård').length - 1).toBe(2);
    expect(out.trimEnd().endsWith('Hej då!')).toBe(true);
  });

  it('says how to quit when "avsluta" has no checklist to close, and names the keys in its help', async () => {
    const out = await chat(['avsluta'], 'eof');
    expect(out).toContain('Ingen checklista är öppen här. Skriv "hejdå" för att sluta.');
    expect(out).toContain('"avsluta" för att avsluta checklistan och "hejdå" (eller Ctrl-D) för att sluta');
    expect(out).toContain('("3\u00a04" bockar av två)');
  });

  it('ends at end of input (Ctrl-D) and skips empty lines', async () => {
    const out = await chat(['', 'vem är min motpart i Rosengård'], 'eof');
    expect(out).toContain('Motparter i Rosengård');
    expect(out.trimEnd().endsWith('Hej då!')).toBe(true);
  });
});
