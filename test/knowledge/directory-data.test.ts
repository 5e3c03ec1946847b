/**
 * The shipped sample directory (`knowledge/`): enough real public geography and fictional
 * functions to try Motpart, no real-looking personal data, the deliberate editor cases (vacancy,
 * vikarie, ended and ending holder periods), and directory questions asked through the core the
 * way users ask them.
 *
 * Runs against `knowledge/` (or MOTPART_KNOWLEDGE_DIR for the sample parts that do not depend on
 * the sample's own ids: set MOTPART_KNOWLEDGE_DIR only to check the privacy rules on your copy).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { holdersOn } from '../../src/core/directory/holders.js';
import { createMotpart, type Motpart } from '../../src/core/motpart.js';
import { buildHealthReport } from '../../src/core/report.js';
import type { ContactCard, Reply } from '../../src/core/reply.js';
import { tokenise } from '../../src/core/text/normalise.js';
import { checkKnowledge } from '../../src/knowledge/check.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { asker, contactIds } from '../core/helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');
/** The sample's "today": Monday 30 November 2026. */
const TODAY = '2026-11-30';
/** Monday 30 November 2026, 10:00 in Stockholm: offices open. */
const OFFICE_HOURS = new Date('2026-11-30T09:00:00Z');
/** Monday 30 November 2026, 20:00 in Stockholm: offices closed, the jour open. */
const EVENING = new Date('2026-11-30T19:00:00Z');

let knowledge: Knowledge;
let motpart: Motpart;
let evening: Motpart;

beforeAll(async () => {
  knowledge = await loadAndBuild(KNOWLEDGE_DIR, { today: TODAY });
  motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
  evening = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => EVENING });
});

// Each question its own user and conversation: a role stated in one would be kept for the next.
const ask = (text: string, as?: string, m: Motpart = motpart) =>
  m.handle({ text }, asker(as ? { as, userId: `${text}|${as}`, conversationId: `${text}|${as}` } : { userId: text, conversationId: text }));
const cards = (r: Reply): ContactCard[] => r.parts.flatMap((p) => (p.type === 'contact' ? [p.contact] : []));
const fn = (id: string) => {
  const f = knowledge.functions.get(id);
  if (!f) throw new Error(`function ${id} missing`);
  return f;
};
const kindOf = (id: string) => knowledge.organisations.get(fn(id).organisation)?.kind;
/** Every area the given one lies within, at any distance. */
const ancestors = (id: string) => [...knowledge.areas.ancestors(id).keys()];

describe('the shipped directory: size and shape', () => {
  it('has organisations of every kind the bot connects', () => {
    const kinds = new Set(knowledge.data.organisations.map((o) => o.kind));
    for (const kind of ['polis', 'socialtjanst', 'skola', 'fritid', 'region', 'kommunledning'] as const) expect(kinds, kind).toContain(kind);
  });

  it('has at least 40 areas and 60 functions', () => {
    expect(knowledge.data.areas.length).toBeGreaterThanOrEqual(40);
    expect(knowledge.data.functions.length).toBeGreaterThanOrEqual(60);
    // The benchmark grows the shipped knowledge to 150 functions, so it must stay below that.
    expect(knowledge.data.functions.length).toBeLessThan(150);
  });

  it('has the ids that guidance, synonyms and the benchmark refer to', () => {
    const required = [
      'kommunjurist-malmo',
      'kommunjurist-sodertalje',
      'kommunjurist-kinda',
      'socialjouren-malmo',
      'socialjouren-sodertalje',
      'polisjurist-region-syd',
      'bf-samordnare-malmo',
      'sig-koordinator-malmo',
      'sspf-koordinator-sodertalje',
      'sluta-skjut-malmo',
      'skoljurist-malmo',
      'polisen-kontaktcenter',
    ];
    expect(required.filter((id) => !knowledge.functions.get(id))).toEqual([]);
    const owners = new Set([...knowledge.data.guidance.map((s) => s.owner), knowledge.data.synonyms.defaultOwner]);
    expect([...owners].filter((id) => !knowledge.functions.get(id))).toEqual([]);
  });

  it('covers Malmö, Södertälje and Kinda with their police areas in the right police regions', () => {
    for (const id of ['norr', 'oster', 'soder', 'vaster', 'innerstaden']) expect(knowledge.areas.get(`malmo-${id}`)?.type, id).toBe('stadsomrade');
    for (const id of ['norr', 'oster', 'syd', 'vaster', 'centrum']) expect(ancestors(`lpo-malmo-${id}`), id).toContain('polisregion-syd');
    for (const id of ['rosengard', 'herrgarden', 'fosie', 'lindangen', 'hyllie', 'holma', 'kroksback', 'husie', 'oxie', 'kirseberg', 'mollevangen', 'seved', 'sofielund', 'limhamn', 'bunkeflostrand']) {
      expect(ancestors(id), id).toEqual(expect.arrayContaining(['malmo', 'polisregion-syd']));
    }
    for (const id of ['ronna', 'hovsjo', 'geneta', 'fornhojden', 'vastergard', 'brunnsang', 'jarna', 'lina-hage']) {
      expect(ancestors(id), id).toEqual(expect.arrayContaining(['sodertalje', 'lpo-sodertalje', 'polisregion-stockholm']));
    }
    for (const id of ['kisa', 'rimforsa', 'horn']) expect(ancestors(id), id).toEqual(expect.arrayContaining(['kinda', 'polisregion-ost']));
    expect(knowledge.organisations.get(fn('kommunpolis-sodertalje').organisation)?.name).toMatch(/Stockholm/);
    expect(knowledge.organisations.get(fn('kommunpolis-kinda').organisation)?.name).toMatch(/Öst/);
  });

  it('gives every neighbourhood and district aliases, and no name to two areas', () => {
    const local = knowledge.data.areas.filter((a) => ['stadsomrade', 'stadsdel', 'bostadsomrade', 'lokalpolisomrade', 'kommun'].includes(a.type));
    expect(local.filter((a) => a.aliases.length === 0).map((a) => a.id)).toEqual([]);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const a of knowledge.data.areas) {
      for (const name of [a.name, ...a.aliases]) {
        const key = tokenise(name).join(' ');
        const other = owner.get(key);
        if (other !== undefined && other !== a.id) clashes.push(`${name}: ${other} and ${a.id}`);
        owner.set(key, a.id);
      }
    }
    expect(clashes).toEqual([]);
    const aliases = knowledge.data.areas.flatMap((a) => a.aliases);
    for (const alias of ['Rosengard', 'Hovsjo', 'Rosengårdd', 'Södertelje', 'LPO Öster', 'Möllan']) expect(aliases, alias).toContain(alias);
  });

  it('gives every function a functional contact, hours and an area, and links police and social services both ways', () => {
    for (const f of knowledge.data.functions) {
      expect(f.contact.email ?? f.contact.phone, f.id).toBeDefined();
      expect(f.areas.length, f.id).toBeGreaterThan(0);
    }
    const sides = knowledge.data.functions.filter((f) => ['mottagning', 'kommunpolis', 'omradespolis'].includes(f.role));
    expect(sides.filter((f) => !f.counterparts.some((c) => kindOf(c) !== kindOf(f.id) && ['polis', 'socialtjanst'].includes(kindOf(c)!))).map((f) => f.id)).toEqual([]);
  });

  it('sends daytime functions to their municipality\'s socialjour and the jours to the police contact centre', () => {
    const jourOf: Record<string, string> = { malmo: 'socialjouren-malmo', sodertalje: 'socialjouren-sodertalje', kinda: 'socialjouren-kinda' };
    for (const f of knowledge.data.functions) {
      const org = knowledge.organisations.get(f.organisation)!;
      if (org.kind === 'polis' || f.role === 'socialjour' || f.outOfHours === undefined) continue;
      const town = Object.keys(jourOf).find((t) => f.organisation.startsWith(t) || f.areas.some((a) => a === t || ancestors(a).includes(t)));
      expect(f.outOfHours, f.id).toBe(jourOf[town!]);
    }
    for (const id of Object.values(jourOf)) expect(fn(id).outOfHours, id).toBe('polisen-kontaktcenter');
    const centre = fn('polisen-kontaktcenter');
    expect(centre.contact.phone).toBe('114 14');
    expect(centre.description).toMatch(/112/);
    expect(centre.hours).toBe('dygnet-runt');
  });
});

describe('no real-looking personal data', () => {
  const contacts = () => [
    ...knowledge.data.functions.map((f) => ({ id: f.id, email: f.contact.email, phone: f.contact.phone })),
    ...knowledge.data.functions.flatMap((f) => f.holders.map((h) => ({ id: `${f.id}: ${h.name}`, email: h.email, phone: h.phone }))),
  ];

  it('uses only example.org or example.com mail addresses', () => {
    const emails = contacts().flatMap((c) => (c.email ? [c.email] : []));
    expect(emails.length).toBeGreaterThan(60);
    expect(emails.filter((e) => !/@(?:[a-z0-9-]+\.)*example\.(?:org|com)$/i.test(e))).toEqual([]);
  });

  it('marks every phone number fictional, except the police (114 14) and emergency (112) numbers', () => {
    const phones = contacts().flatMap((c) => (c.phone ? [c.phone] : []));
    expect(phones.length).toBeGreaterThan(60);
    expect(phones.filter((p) => !p.includes('(fiktivt)') && p !== '112' && p !== '114 14')).toEqual([]);
  });

  it('marks every holder\'s name fictional', () => {
    const names = knowledge.data.functions.flatMap((f) => f.holders.map((h) => h.name));
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((n) => !n.endsWith('(fiktiv)'))).toEqual([]);
  });
});

describe('the deliberate cases for editors', () => {
  it('passes the knowledge check with only the commented warnings', () => {
    const issues = checkKnowledge(knowledge, TODAY);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.map((i) => `${i.path}: ${i.message}`).sort()).toEqual([
      expect.stringMatching(/^functions\[bup-malmo\]\.outOfHours: ingen reservväg/),
      expect.stringMatching(/^functions\[kommunpolis-malmo-norr\]\.holders: ingen ersättare/),
      expect.stringMatching(/^functions\[kommunpolis-malmo-norr\]\.holders: ingen innehavare just nu \(vakant\)/),
      expect.stringMatching(/^functions\[mottagning-barn-unga-malmo-soder\]\.holders: ingen innehavare just nu \(vakant\)/),
      expect.stringMatching(/^functions\[mottagning-barn-unga-malmo-soder\]\.holders\[0\]: Bo Fiktivsson \(fiktiv\) slutade 2026-10-31/),
    ]);
  });

  it('has a vacancy: no current holder, and the function still answers with its fallback', () => {
    expect(holdersOn(fn('kommunpolis-malmo-norr'), TODAY).holder).toBeUndefined();
    const ended = holdersOn(fn('mottagning-barn-unga-malmo-soder'), TODAY);
    expect(ended.holder).toBeUndefined();
    expect(ended.ended[0]?.to).toBe('2026-10-31');
    expect(ended.deputy?.kind).toBe('ersattare');
  });

  it('has a vikarie standing in for an ordinary holder on leave', () => {
    const f = fn('ungdomsutredare-malmo-oster');
    expect(f.holders.some((h) => h.kind === 'ordinarie' && h.to === undefined)).toBe(true);
    expect(holdersOn(f, TODAY).holder).toMatchObject({ kind: 'vikarie', from: '2026-09-01', to: '2027-06-30' });
  });

  it('has a holder whose period ends within 30 days, listed by the health report', async () => {
    const f = fn('kommunpolis-malmo-syd');
    expect(holdersOn(f, TODAY).holder?.to).toBe('2026-12-20');
    expect(holdersOn(f, '2026-12-21').holder?.from).toBe('2026-12-21');
    const report = await buildHealthReport(knowledge, memoryStore(), OFFICE_HOURS);
    const ending = report.parts.find((p) => p.type === 'list' && /slutar inom 30 dagar/.test(p.title ?? ''));
    expect(ending).toBeDefined();
    expect(JSON.stringify(ending)).toContain('perioden slutar 2026-12-20');
  });
});

/** [question, role given with --as (or none), the contact that must be shown, one that must not]. */
const questions: Array<[question: string, as: string | undefined, expected: string, not?: string]> = [
  // Counterparts: the other side in the same area
  ['vem är min motpart i Rosengård', 'polis', 'mottagning-barn-unga-malmo-oster', 'omradespolis-rosengard'],
  ['vem är min motpart i Rosengård', 'socialtjänst', 'omradespolis-rosengard', 'mottagning-barn-unga-malmo-oster'],
  ['vem ar min motpart i rosengard', 'polis', 'mottagning-barn-unga-malmo-oster'],
  ['motpart rosengardd', 'polis', 'mottagning-barn-unga-malmo-oster'],
  ['motpart i Herrgården', 'polis', 'mottagning-barn-unga-malmo-oster'],
  ['jag är polis, vem är min motpart i Husie', undefined, 'mottagning-barn-unga-malmo-oster', 'kommunpolis-malmo-oster'],
  ['vi på soc undrar vem som är vår motpart i Fosie', undefined, 'kommunpolis-malmo-syd'],
  ['I am a police officer, who is my counterpart in Lindängen', undefined, 'mottagning-barn-unga-malmo-soder'],
  ['motpart Möllan', 'polis', 'mottagning-barn-unga-malmo-innerstaden'],
  ['motpart Seved', 'socialtjänst', 'omradespolis-sodra-innerstaden'],
  ['motpart i Kirseberg', 'polis', 'mottagning-barn-unga-malmo-norr'],
  ['motpart Hyllie', 'socialtjänst', 'kommunpolis-malmo-vaster'],
  ['motpart i Holma', 'socialtjänst', 'omradespolis-holma-kroksback'],
  ['motpart Kroksback', 'polis', 'mottagning-barn-unga-malmo-vaster'],
  ['motpart Bunkeflo', 'polis', 'mottagning-barn-unga-malmo-vaster'],
  ['motpart i Hovsjö', 'socialtjänst', 'omradespolis-hovsjo-fornhojden'],
  ['motpart hovsjo', 'polis', 'mottagning-barn-unga-sodertalje'],
  ['vem är motpart i ronna', 'polis', 'mottagning-barn-unga-sodertalje'],
  ['motpart Lina hage', 'socialtjänst', 'omradespolis-ronna-geneta'],
  ['motpart i Kisa', 'polis', 'mottagning-barn-unga-kinda'],
  ['motpart i Rimforsa', 'socialtjänst', 'kommunpolis-kinda'],
  ['vem är min motpart i Rosengård', 'kommunpolis-malmo-oster', 'mottagning-barn-unga-malmo-oster'],
  ['vem är min motpart', 'mottagning-barn-unga-malmo-oster', 'kommunpolis-malmo-oster'],
  ['vem är min motpart', 'mottagning-barn-unga-kinda', 'kommunpolis-kinda'],
  // Contacts by organisation, role and place
  ['kontakt soc Fosie', undefined, 'mottagning-barn-unga-malmo-soder'],
  ['kontakt socialtjänsten i Öster', undefined, 'mottagning-barn-unga-malmo-oster'],
  ['kontakt soc Sofielund', undefined, 'mottagning-barn-unga-malmo-innerstaden'],
  ['soc i kisa', undefined, 'mottagning-barn-unga-kinda'],
  ['polisen i fosie', undefined, 'kommunpolis-malmo-syd'],
  ['polisen i horn', undefined, 'kommunpolis-kinda'],
  ['kontakt polisen Järna', undefined, 'omradespolis-jarna'],
  ['contact police Rosengard', undefined, 'omradespolis-rosengard'],
  ['who handles youth cases in Södertälje', undefined, 'ungdomsenheten-sodertalje'],
  ['who handles youth cases in Malmö', undefined, 'utredning-unga-malmo'],
  ['socialjouren malmö', undefined, 'socialjouren-malmo', 'socialjouren-sodertalje'],
  ['socialjouren malmo', undefined, 'socialjouren-malmo'],
  ['socialjoruen malmö', undefined, 'socialjouren-malmo'],
  ['socialjour södertälje', undefined, 'socialjouren-sodertalje', 'socialjouren-malmo'],
  ['socialjouren i södertälje ikväll', undefined, 'socialjouren-sodertalje'],
  ['socialjour kinda', undefined, 'socialjouren-kinda'],
  ['vem jobbar natt på soc i malmö', 'polis', 'socialjouren-malmo'],
  ['vem kan jag nå på soc i södertälje i natt', 'polis', 'socialjouren-sodertalje'],
  // The old name for the local police is still what many say.
  ['närpolisen i kisa', 'socialtjänst', 'kommunpolis-kinda'],
  ['ungdomsutredare LPO Öster', undefined, 'ungdomsutredare-malmo-oster'],
  ['ungdomsutredare lpo oster', undefined, 'ungdomsutredare-malmo-oster'],
  ['ungdomsutredare LPO Syd', undefined, 'ungdomsutredare-malmo-syd'],
  ['ungdomsutredare södertälje', undefined, 'ungdomsutredare-sodertalje'],
  ['kommunpolisen i Södertälje', undefined, 'kommunpolis-sodertalje'],
  ['kommunpolis kinda', undefined, 'kommunpolis-kinda'],
  ['områdespolis hovsjö', undefined, 'omradespolis-hovsjo-fornhojden'],
  ['fritidsgården rosengård', undefined, 'fritidsgard-rosengard'],
  ['fältgruppen malmö', undefined, 'faltgruppen-malmo'],
  ['fältare södertälje', undefined, 'faltassistenterna-sodertalje'],
  ['fältare malmö', undefined, 'faltgruppen-malmo'],
  ['jag jobbar på soc, vem ringer jag hos polisen i rosengard ikväll', undefined, 'omradespolis-rosengard', 'mottagning-barn-unga-malmo-oster'],
  ['kommunpolis rosengård', undefined, 'kommunpolis-malmo-oster', 'omradespolis-rosengard'],
  ['kommunpolis malmö', undefined, 'kommunpolis-malmo-centrum', 'sluta-skjut-malmo'],
  ['jag är polis, vem är min motpart i Hyllie', undefined, 'mottagning-barn-unga-malmo-vaster', 'sspf-koordinator-sodertalje'],
  ['sspf rosengård', undefined, 'kurator-grundskola-malmo-oster', 'sspf-koordinator-sodertalje'],
  ['kurator rosengård', undefined, 'kurator-grundskola-malmo-oster'],
  ['bup malmö', undefined, 'bup-malmo'],
  // The functions guidance and synonyms name
  ['kommunjurist malmö', undefined, 'kommunjurist-malmo'],
  ['kommunjuristen i malmo', undefined, 'kommunjurist-malmo'],
  ['kommunjurist sodertalje', undefined, 'kommunjurist-sodertalje'],
  ['kommunjuristen i kinda kommun', undefined, 'kommunjurist-kinda'],
  ['polisjurist region syd', undefined, 'polisjurist-region-syd'],
  ['polisjuristen syd', undefined, 'polisjurist-region-syd'],
  ['brottsforebyggande samordnare malmo', undefined, 'bf-samordnare-malmo'],
  ['sig koordinator malmö', undefined, 'sig-koordinator-malmo'],
  ['sig-koordinatorn i malmo', undefined, 'sig-koordinator-malmo'],
  ['sspf-koordinator sodertalje', undefined, 'sspf-koordinator-sodertalje'],
  ['sspf södertälje', undefined, 'sspf-koordinator-sodertalje'],
  ['sluta skjut malmö', undefined, 'sluta-skjut-malmo'],
  ['GVI malmö', undefined, 'sluta-skjut-malmo'],
  ['skoljuristen i malmo', undefined, 'skoljurist-malmo'],
];

describe('guidance questions that name what a function works with', () => {
  it('answers "vad säger LUL om socialtjänsten" with guidance, though ungdomsutredare list LUL as a topic', async () => {
    const r = await ask('vad säger LUL om socialtjänsten');
    expect(r.intent).toBe('guidance');
  });
});

describe(`${questions.length} directory questions as users ask them`, () => {
  it.each(questions)('%s (as %s) → %s', async (question, as, expected, not) => {
    const r = await ask(question, as);
    expect(r.intent).toBe('directory');
    expect(contactIds(r)).toContain(expected);
    if (not) expect(contactIds(r)).not.toContain(not);
  });

  it('shows both sides when it does not know who asks', async () => {
    const r = await ask('motpart hovsjo');
    expect(contactIds(r)).toEqual(['mottagning-barn-unga-sodertalje', 'omradespolis-hovsjo-fornhojden']);
    expect(r.buttons.filter((b) => b.action.type === 'profile.set')).toHaveLength(2);
  });

  it('reads a misspelt place alone as that place', async () => {
    const r = await ask('rosengardd');
    expect(r.intent).toBe('directory');
    expect(contactIds(r)).toEqual(expect.arrayContaining(['omradespolis-rosengard', 'mottagning-barn-unga-malmo-oster']));
  });

  it('shows the function first, then holder and deputy', async () => {
    const [card] = cards(await ask('vem är min motpart i Rosengård', 'polis'));
    expect(card).toMatchObject({
      functionId: 'mottagning-barn-unga-malmo-oster',
      organisation: 'Socialtjänsten Malmö stad',
      areas: ['Område Öster'],
      contact: { email: 'mottagning.oster.malmo@example.org', phone: '040-000 00 02 (fiktivt)' },
      hours: 'mån–fre 08.00–16.30',
      openNow: true,
      holder: { kind: 'ordinarie', name: expect.stringMatching(/\(fiktiv\)$/) },
      deputy: { kind: 'ersattare' },
    });
    expect(card!.fallback).toBeUndefined();
  });

  it('says when the holder information has ended, shows the deputy and the socialjour', async () => {
    const [card] = cards(await ask('kontakt soc Fosie'));
    expect(card!.functionId).toBe('mottagning-barn-unga-malmo-soder');
    expect(card!.holder).toBeUndefined();
    expect(card!.deputy?.kind).toBe('ersattare');
    expect(card!.notes.join(' ')).toContain('2026-10-31');
    expect(card!.fallback?.functionId).toBe('socialjouren-malmo');
  });

  it('says a post is vacant and points to the police contact centre', async () => {
    const r = await ask('motpart i Kirseberg', 'socialtjänst');
    const card = cards(r).find((c) => c.functionId === 'kommunpolis-malmo-norr');
    expect(card).toBeDefined();
    expect(card!.holder).toBeUndefined();
    expect(card!.notes.join(' ')).toMatch(/vakant/);
    expect(card!.fallback).toMatchObject({ functionId: 'polisen-kontaktcenter', contact: { phone: '114 14' } });
  });

  it('shows the vikarie as the one to call', async () => {
    const [card] = cards(await ask('ungdomsutredare LPO Öster'));
    expect(card!.holder).toMatchObject({ kind: 'vikarie', to: '2027-06-30' });
  });

  it('sends evening questions to the socialjour, and the socialjour to 114 14 with 112 for emergencies', async () => {
    const [card] = cards(await ask('vem är min motpart i Rosengård', 'polis', evening));
    expect(card!.openNow).toBe(false);
    expect(card!.fallback).toMatchObject({ functionId: 'socialjouren-malmo', openNow: true });
    const jour = cards(await ask('socialjouren malmö'))[0]!;
    expect(jour.openNow).toBe(false);
    expect(jour.fallback).toMatchObject({ functionId: 'polisen-kontaktcenter', contact: { phone: '114 14' } });
    expect(cards(await ask('polisens kontaktcenter'))[0]).toMatchObject({ functionId: 'polisen-kontaktcenter', contact: { phone: '114 14' }, openNow: true });
  });
});
