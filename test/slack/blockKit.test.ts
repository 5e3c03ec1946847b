/**
 * The Block Kit renderer against the shared reply fixtures: what each reply shows, that every
 * button carries its Action back intact, and that every fixture (the oversized one too) stays
 * within every Block Kit limit, so Slack never rejects a message.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAction, parseChecklistBlockId } from '../../src/adapters/slack/actions.js';
import { LIMITS, mrkdwnText, renderReply, SHARE_LABEL, TRUNCATED_NOTE, type KnownBlock } from '../../src/adapters/slack/blockKit.js';
import { homeView } from '../../src/adapters/slack/home.js';
import { choicesIn } from '../../src/core/choices.js';
import { reply, type Action, type ChecklistView, type Reply } from '../../src/core/reply.js';
import { buildKnowledge } from '../../src/core/knowledge/knowledge.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { allReplies, checklistReply, directoryReply, guidanceReply, longButtonsReply, oversizedReply, piiWarningReply, uncertainReply } from '../fixtures/replies.js';
import { limitViolations } from './limits.js';

type Json = Record<string, any>;
const all = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const buttons = (blocks: KnownBlock[]): Json[] => (blocks as Json[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements).filter((e: Json) => e.type === 'button');
const actionsOf = (blocks: KnownBlock[]): Action[] =>
  buttons(blocks).map((b) => {
    const decoded = decodeAction(b.value);
    if (!decoded.ok) throw new Error(decoded.problem);
    return decoded.value;
  });

describe('every shared reply fixture within Block Kit limits', () => {
  for (const [name, fixture] of Object.entries(allReplies)) {
    it(`${name} breaks no limit, with and without the share button`, () => {
      expect(limitViolations(renderReply(fixture))).toEqual([]);
      expect(limitViolations(renderReply(fixture, { share: { type: 'share', text: '/sekretess får soc lämna uppgifter till polisen' } }))).toEqual([]);
    });
  }

  it('cuts the oversized reply between blocks, says so, and keeps the buttons', () => {
    const message = renderReply(oversizedReply);
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(all(message.blocks)).toContain(TRUNCATED_NOTE);
    expect(all(message.blocks)).toContain('Funktion nummer 0');
    expect((message.blocks[0] as Json).text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    // Fifteen suggestions become at most two rows of five; each label is cut to 75 characters.
    const shown = buttons(message.blocks);
    expect(shown.length).toBe(10);
    expect(shown.every((b) => b.text.text.length <= LIMITS.buttonText)).toBe(true);
    expect(actionsOf(message.blocks)[0]).toEqual({ type: 'ask', text: 'fråga 0' });
  });

  it('splits one very long text over several sections before cutting', () => {
    const long = reply({ intent: 'guidance', headline: 'Lång text', parts: [{ type: 'text', title: 'Bakgrund', text: 'Uppgifter & sekretess <viktigt>. '.repeat(250) }] });
    const message = renderReply(long);
    const sections = (message.blocks as Json[]).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(2);
    expect(limitViolations(message)).toEqual([]);
    // Escaping happened before splitting: no entity is torn apart at a section border.
    for (const s of sections) expect(s.text.text).not.toMatch(/&(a|am|amp|l|lt|g|gt)?$/);
    expect(all(message.blocks)).not.toContain(TRUNCATED_NOTE);
  });

  it('keeps a reply with a hundred contacts under the undocumented total size', () => {
    const many = reply({ ...oversizedReply, parts: [...oversizedReply.parts, ...oversizedReply.parts, ...oversizedReply.parts] });
    expect(limitViolations(renderReply(many))).toEqual([]);
  });
});

describe('contact cards', () => {
  const message = renderReply(directoryReply);
  const text = all(message.blocks);

  it('show the function first, then the people, hours and whether it is open now', () => {
    expect(text.indexOf('Mottagningsenheten barn och unga, Område Öster')).toBeLessThan(text.indexOf('Sara Exempelsson'));
    expect(text).toContain('Socialtjänsten Malmö stad · Rosengård, Husie, Kirseberg');
    expect(text).toContain('Vid fara för liv: ring 112.');
    expect(text).toContain('mottagning.oster@example.org');
    expect(text).toContain('Kontaktperson: Sara Exempelsson (fiktiv), Gruppledare');
    // "Ersättare" is said once, by the label.
    expect(text).toContain('Ersättare: Ali Testare (fiktiv)');
    expect(text).not.toMatch(/ersättare\)/i);
    expect(text).toContain('mån–fre 08.00–16.30 – *stängt nu*');
  });

  it('put what to do now first when the function is closed, in normal bold text', () => {
    const first = message.blocks[1] as Json;
    expect(first.type).toBe('section');
    expect(first.text.text).toBe(':rotating_light: *Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt)*');
    // Then the closed unit's details, then the fallback as a section, not small grey context text.
    expect((message.blocks[2] as Json).text.text).toContain('Mottagningsenheten barn och unga');
    const fallback = (message.blocks as Json[]).find((b) => JSON.stringify(b).includes('Reservväg'))!;
    expect(fallback.type).toBe('section');
  });

  it('show the fallback for when the function is closed', () => {
    expect(text).toContain('*Reservväg:* *Socialjouren Malmö*');
    expect(text).toContain('– *öppet nu*');
    expect(text).toContain('Vid akut fara: ring 112.');
  });

  it('carry the suggestion and both feedback buttons as actions', () => {
    expect(actionsOf(message.blocks)).toEqual([
      { type: 'ask', text: 'får soc lämna uppgifter till polisen' },
      { type: 'feedback', target: 'directory', targetId: 'mottagning-barn-unga-malmo-oster', helpful: true },
      { type: 'feedback', target: 'directory', targetId: 'mottagning-barn-unga-malmo-oster', helpful: false },
    ]);
  });

  it('has a fallback text for notifications that starts with what to do now', () => {
    expect(message.text).toBe('Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt) (Din motpart i Rosengård)');
  });
});

describe('guidance', () => {
  const text = all(renderReply(guidanceReply).blocks);

  it('shows verdict, answer, conditions, legal reference, sources as links and review date', () => {
    // The verdict first on its own line; the title once (the header), not again in the body.
    expect(text).toContain('"text":":scales: *Beror på*\\nSocialtjänsten får lämna uppgifter');
    expect(text.split('Socialtjänsten till polisen för att förebygga brott (under 21)').length - 1).toBe(1);
    expect(text).toContain('Det är en möjlighet, inte en skyldighet.');
    expect(text).toContain('• Personen har inte fyllt 21 år.');
    expect(text).toContain('*Lagrum:* 10 kap. 18 a § OSL');
    expect(text).toContain('<https://lagen.nu/prop/2011/12:171|Prop. 2011/12:171>');
    expect(text).toContain('Granskad 2026-11-01 · Innehållsansvarig: Kommunjurist Malmö stad');
    expect(text).not.toContain('försenad');
    expect(text).toContain('Vägledning, inte ett beslut.');
  });

  it('flags an overdue review and says what is uncertain', () => {
    const part = guidanceReply.parts[0]!;
    if (part.type !== 'guidance') throw new Error('fixture changed');
    const overdue = { ...guidanceReply, parts: [{ ...part, guidance: { ...part.guidance, reviewOverdue: true, uncertainty: 'Rättsläget för 18-åringar är inte prövat.' } }] };
    const shown = all(renderReply(overdue).blocks);
    expect(shown).toContain(':warning: *granskningen är försenad*');
    expect(shown).toContain(':grey_question: *Osäkert:* Rättsläget för 18-åringar är inte prövat.');
  });

  it('offers the checklist as a button and puts the verdict in the notification text', () => {
    const message = renderReply(guidanceReply);
    expect(actionsOf(message.blocks)[0]).toEqual({ type: 'checklist.start', checklistId: 'utlamnande-10-18a' });
    expect(message.text).toContain('Beror på: Socialtjänsten till polisen för att förebygga brott (under 21) (10 kap. 18 a § OSL) – Socialtjänsten får lämna uppgifter');
  });

  it('does not let knowledge text become Slack markup', () => {
    const hostile = reply({ intent: 'guidance', headline: 'x', parts: [{ type: 'text', text: 'Ring <!channel> & <@U123> <https://evil.example|klicka>' }] });
    const shown = all(renderReply(hostile).blocks);
    expect(shown).toContain('Ring &lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(shown).not.toContain('<!channel>');
  });

  it('shows a non-web source as text, not as a link', () => {
    const part = guidanceReply.parts[0]!;
    if (part.type !== 'guidance') throw new Error('fixture changed');
    const odd = { ...guidanceReply, parts: [{ ...part, guidance: { ...part.guidance, sources: [{ title: 'Intern PM', url: 'javascript:alert(1)' }] } }] };
    const shown = all(renderReply(odd).blocks);
    expect(shown).toContain('*Källor:* Intern PM');
    expect(shown).not.toContain('javascript:');
  });
});

describe('checklists', () => {
  const message = renderReply(checklistReply);
  const groups = (message.blocks as Json[]).filter((b) => b.type === 'actions' && b.elements[0].type === 'checkboxes');

  it('renders the items as checkboxes, ticked ones pre-selected with who and when', () => {
    expect(groups).toHaveLength(1);
    const box = groups[0]!.elements[0];
    expect(box.action_id).toBe('motpart.tick.0');
    expect(box.options.map((o: Json) => o.value)).toEqual(['kartlaggning', 'samtycke', 'atgardsplan']);
    expect(box.initial_options.map((o: Json) => o.value)).toEqual(['kartlaggning']);
    // 09:14 UTC on 20 November is 10:14 in Stockholm.
    // The responsible role stays beside who ticked and when, with the date in Swedish.
    expect(box.options[0].description.text).toBe('SIG-koordinator · ✓ Anna (fiktiv), 20 nov. 10:14');
    expect(box.options[1].description.text).toBe('Socialsekreterare · 12 kap. 2 § OSL');
    expect(parseChecklistBlockId(groups[0]!.block_id)).toEqual({ ok: true, value: { runId: 'run-123', group: 0 } });
    // The header says "Checklista: Sociala insatsgrupper"; the body does not repeat it.
    expect(all(message.blocks)).toContain(':ballot_box_with_check: 1 av 3 klara');
    expect(all(message.blocks).split('Sociala insatsgrupper').length - 1).toBe(1);
  });

  it('writes out steps too long for a checkbox label', () => {
    expect(all(message.blocks)).toContain('2. Inhämta skriftligt samtycke från den unge och vårdnadshavare');
  });

  it('asks before reset and close', () => {
    const [reset, close] = buttons(message.blocks);
    expect(reset!.confirm.title.text).toBe('Börja om?');
    expect(close!.style).toBe('danger');
    expect(close!.confirm.text.text).toContain('avslutas för alla');
    expect(actionsOf(message.blocks)).toEqual([{ type: 'checklist.reset', runId: 'run-123' }, { type: 'checklist.close', runId: 'run-123' }]);
  });

  it('splits 23 steps into checkbox groups of at most ten', () => {
    const part = checklistReply.parts[0]!;
    if (part.type !== 'checklist') throw new Error('fixture changed');
    const items = Array.from({ length: 23 }, (_, i) => ({ id: `steg-${i}`, text: `Steg ${i}`, responsible: 'Samordnare', done: i % 2 === 0, doneBy: 'Bo (fiktiv)', doneAt: '2026-11-24T13:05:00.000Z' }));
    const big: ChecklistView = { ...part.checklist, items, total: 23, done: 12 };
    const shown = renderReply({ ...checklistReply, parts: [{ type: 'checklist', checklist: big }] });
    const boxes = (shown.blocks as Json[]).filter((b) => b.type === 'actions' && b.elements[0].type === 'checkboxes');
    expect(boxes.map((b) => b.elements[0].options.length)).toEqual([10, 10, 3]);
    expect(boxes.map((b) => b.block_id)).toEqual(['checklist:run-123:0', 'checklist:run-123:1', 'checklist:run-123:2']);
    expect(limitViolations(shown)).toEqual([]);
  });

  it('shows a closed run as text without checkboxes', () => {
    const part = checklistReply.parts[0]!;
    if (part.type !== 'checklist') throw new Error('fixture changed');
    const closed = renderReply({ ...checklistReply, parts: [{ type: 'checklist', checklist: { ...part.checklist, status: 'closed' } }], buttons: [] });
    expect(all(closed.blocks)).not.toContain('checkboxes');
    expect(all(closed.blocks)).toContain(':ballot_box_with_check: 1. Kartlägg den unges situation – SIG-koordinator (✓ Anna (fiktiv), 20 nov. 10:14)');
    expect(all(closed.blocks)).toContain('avslutad');
  });
});

describe('buttons', () => {
  it('shorten long labels with an ellipsis at a word, never inside an emoji', () => {
    const labels = buttons(renderReply(longButtonsReply).blocks).map((b) => b.text.text as string);
    expect(labels[0]).toBe('Jag hör till Mottagningsenheten barn…');
    for (const label of labels) {
      expect([...new Intl.Segmenter('sv', { granularity: 'grapheme' }).segment(label)].length).toBeLessThanOrEqual(40);
      expect(label).not.toMatch(/[\uD800-\uDBFF]…|\u200D…/);
    }
    expect(labels[1]).toBe('Checklista: utlämnande enligt 10 kap…');
    // Slack counts 75 UTF-16 units: eight whole families fit, none is split.
    expect(labels[2]).toBe(`Familjen ${'👨‍👩‍👧'.repeat(8)}…`);
  });
});

describe('sharing and private replies', () => {
  it('adds "Visa för kanalen" carrying the question', () => {
    const message = renderReply(uncertainReply, { share: { type: 'share', text: '/sekretess vem får veta' } });
    const share = buttons(message.blocks).find((b) => b.text.text === SHARE_LABEL);
    expect(decodeAction(share?.value)).toEqual({ ok: true, value: { type: 'share', text: '/sekretess vem får veta' } });
  });

  it('leaves the personal-number warning without any button', () => {
    const message = renderReply(piiWarningReply);
    expect(buttons(message.blocks)).toEqual([]);
    expect(all(message.blocks)).toContain('personnummer');
  });

  it('drops a button whose action would not fit in a button value', () => {
    const long = reply({ intent: 'help', headline: 'x', suggestions: [{ label: 'lång', action: { type: 'ask', text: 'ord '.repeat(600) } }] });
    expect(buttons(renderReply(long).blocks)).toEqual([]);
  });
});

describe('button values coming back', () => {
  it.each([
    ['not JSON', 'feedback:true'],
    ['an unknown action', JSON.stringify({ type: 'delete.everything' })],
    ['a missing field', JSON.stringify({ type: 'checklist.toggle', runId: 'r1' })],
    ['a wrong type', JSON.stringify({ type: 'feedback', target: 'snippet', targetId: 'x', helpful: 'ja' })],
    ['an empty question', JSON.stringify({ type: 'ask', text: '   ' })],
    ['no value at all', undefined],
  ])('refuses %s', (_, value) => {
    expect(decodeAction(value).ok).toBe(false);
  });
});

describe('mrkdwn text fitting', () => {
  it('cuts after escaping without leaving half an entity', () => {
    const fitted = mrkdwnText('&'.repeat(100), 50);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(fitted).toMatch(/^(&amp;)+…$/);
  });

  it('never splits an emoji', () => {
    expect(mrkdwnText(`${'a'.repeat(8)}😀😀`, 10)).toBe(`${'a'.repeat(8)}…`);
  });
});

describe('App Home', () => {
  const fixture = path.resolve('test/fixtures/knowledge-basic');
  const help = reply({ intent: 'help', headline: 'Hjälp', parts: [{ type: 'list', items: ['vem är min motpart i Rosengård'] }], suggestions: [{ label: 'vem är min motpart i Rosengård', action: { type: 'ask', text: 'vem är min motpart i Rosengård' } }] });

  it('groups the functions per organisation and shows the chosen role', async () => {
    const knowledge = await loadAndBuild(fixture, { today: '2026-11-24' });
    const view = homeView({ choices: choicesIn(knowledge), functionId: 'kommunpolis-malmo-oster', help });
    expect(limitViolations(view, 'view')).toEqual([]);
    const select = (view.blocks as Json[]).find((b) => b.block_id === 'role:0')!.elements[0];
    expect(select.option_groups.map((g: Json) => g.label.text)).toEqual([
      'Malmö stad, stadskontoret',
      'Polisen region Stockholm',
      'Polisen region Syd',
      'Socialtjänsten Malmö stad',
      'Socialtjänsten Södertälje kommun',
      'Södertälje kommun, kommunledningskontoret',
    ]);
    expect(select.initial_option.value).toBe('kommunpolis-malmo-oster');
    expect(JSON.stringify(view.blocks)).toContain('Din roll: *Kommunpolis Malmö Öster* (Polisen region Syd)');
    expect(JSON.parse(view.private_metadata!)).toEqual({ functionId: 'kommunpolis-malmo-oster' });
    // Checklist shortcuts and the help's buttons live on one surface, so their action ids differ.
    const ids = (view.blocks as Json[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: Json) => e.action_id));
    expect(new Set(ids).size).toBe(ids.length);
    // A shortcut that starts a checklist must not look like a ticked box.
    expect(JSON.stringify(view.blocks)).toContain('📋 Sociala insatsgrupper (SIG)');
    expect(JSON.stringify(view.blocks)).not.toMatch(/☑|✅|:ballot_box_with_check:/);
  });

  it('asks for a role when none is chosen', async () => {
    const knowledge = await loadAndBuild(fixture, { today: '2026-11-24' });
    const view = homeView({ choices: choicesIn(knowledge), help });
    expect(JSON.stringify(view.blocks)).toContain('Du har inte valt roll än.');
    expect(JSON.parse(view.private_metadata!)).toEqual({});
  });

  it('spreads a directory of 250 functions over selects of at most 100', async () => {
    const base = await loadAndBuild(fixture, { today: '2026-11-24' });
    const template = base.data.functions[0]!;
    const functions = Array.from({ length: 250 }, (_, i) => ({ ...template, id: `funktion-${i}`, name: `Funktion ${i} i en kommun med ett namn som är längre än sjuttiofem tecken totalt` }));
    const knowledge = buildKnowledge({ ...base.data, functions });
    const view = homeView({ choices: choicesIn(knowledge), functionId: 'funktion-200', help });
    expect(limitViolations(view, 'view')).toEqual([]);
    const selects = (view.blocks as Json[]).filter((b) => typeof b.block_id === 'string' && b.block_id.startsWith('role:'));
    expect(selects).toHaveLength(3);
    expect(selects.filter((b) => b.elements[0].initial_option)).toHaveLength(1);
  });
});

describe('a reply of every part type', () => {
  it('renders each part', () => {
    const parts: Reply['parts'] = [
      { type: 'text', title: 'Rubrik', text: 'Brödtext' },
      { type: 'notice', level: 'warning', text: 'Varning' },
      { type: 'notice', level: 'info', text: 'Info' },
      { type: 'list', title: 'Lista', items: ['ett', 'två'] },
    ];
    const text = all(renderReply(reply({ intent: 'help', headline: 'Allt', parts })).blocks);
    expect(text).toContain('*Rubrik*\\nBrödtext');
    expect(text).toContain(':warning: Varning');
    expect(text).toContain(':information_source: Info');
    expect(text).toContain('*Lista*\\n• ett\\n• två');
  });
});
