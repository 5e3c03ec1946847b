import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenise } from '../../src/core/text/normalise.js';
import { checkKnowledge, isAuthoritative } from '../../src/knowledge/check.js';
import { buildKnowledge } from '../../src/core/knowledge/knowledge.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { KnowledgeData } from '../../src/core/knowledge/schema.js';
import { FIXTURE_DIR } from '../core/helpers.js';

async function basic(): Promise<{ data: KnowledgeData; origins: Map<string, string> }> {
  return loadKnowledge(FIXTURE_DIR);
}

describe('knowledge check', () => {
  it('has no errors in the fixture and warns about what editors should fix', async () => {
    const { data, origins } = await basic();
    const issues = checkKnowledge(data, '2026-11-24', origins);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const warnings = issues.map((i) => `${i.path}: ${i.message}`);
    expect(warnings).toContainEqual(expect.stringMatching(/^functions\[mottagning-barn-unga-malmo-soder\]\.holders\[0\]: Bo Fiktivsson \(fiktiv\) slutade 2025-06-30/));
    expect(warnings).toContainEqual(expect.stringMatching(/^functions\[kommunpolis-malmo-syd\]\.holders: ingen innehavare just nu \(vakant\)/));
    expect(warnings).toContainEqual(expect.stringMatching(/^functions\[kommunpolis-malmo-syd\]\.holders: ingen ersättare/));
    expect(warnings).toContainEqual(expect.stringMatching(/^guidance\[generalklausul-10-27\]\.reviewed: skulle ha granskats senast 2025-01-15/));
    // Open around the clock: needs no fallback.
    expect(warnings.filter((w) => w.startsWith('functions[socialjouren-sodertalje]'))).toEqual([]);
    expect(issues.every((i) => i.file.endsWith('.yaml'))).toBe(true);
  });

  it('refuses a name two checklists share: "/checklista <name>" would open only one of them', async () => {
    const { data } = await basic();
    const [first, second] = data.checklists;
    const changed = { ...data, checklists: data.checklists.map((c) => (c === second ? { ...c, aliases: [...c.aliases, first!.title.toUpperCase()] } : c)) };
    const issue = checkKnowledge(changed, '2026-11-24').find((i) => i.path === `checklists[${second!.id}].aliases`);
    expect(issue?.severity).toBe('error');
    expect(issue?.message).toContain(first!.id);
  });

  it('refuses a general rule without both sides of its direction, or written for a kind of case', async () => {
    const { data } = await basic();
    const [first, second] = data.guidance;
    const changed = {
      ...data,
      guidance: data.guidance.map((g) =>
        g === first ? { ...g, general: true as const, flow: { to: ['skola' as const] }, situations: [] } : g === second ? { ...g, general: true as const, flow: { from: ['polis' as const], to: ['skola' as const] }, situations: ['brott-mot-barn'] } : g,
      ),
    };
    const issues = checkKnowledge(changed, '2026-11-24').filter((i) => i.path.endsWith('.general'));
    expect(issues.map((i) => [i.path, i.severity])).toEqual([
      [`guidance[${first!.id}].general`, 'error'],
      [`guidance[${second!.id}].general`, 'error'],
    ]);
    expect(issues[0]!.message).toContain('flow: { from');
    expect(issues[1]!.message).toContain('situations');
  });

  it('warns about a function without an out-of-hours fallback', async () => {
    const { data } = await basic();
    const changed = { ...data, functions: data.functions.map((f) => (f.id === 'kommunjurist-malmo' ? { ...f, outOfHours: undefined } : f)) };
    expect(checkKnowledge(changed, '2026-11-24').map((i) => i.path)).toContain('functions[kommunjurist-malmo].outOfHours');
  });

  it('judges ended holders and overdue reviews by the given date', async () => {
    const { data } = await basic();
    const early = checkKnowledge(data, '2025-01-01').map((i) => i.path);
    expect(early).not.toContain('functions[mottagning-barn-unga-malmo-soder].holders[0]');
    expect(early).not.toContain('guidance[generalklausul-10-27].reviewed');
  });

  it('finds duplicate ids, circular areas, self references and bad periods in data built in memory', async () => {
    const { data } = await basic();
    const fn = data.functions[0]!;
    const broken: KnowledgeData = {
      ...data,
      areas: [...data.areas, { id: 'a', name: 'A', type: 'stadsdel', within: ['b'], aliases: [] }, { id: 'b', name: 'B', type: 'stadsdel', within: ['a'], aliases: ['Rosengård'] }],
      functions: [
        ...data.functions,
        { ...fn, counterparts: [fn.id], outOfHours: fn.id, holders: [{ name: 'X', kind: 'ordinarie', from: '2026-01-01', to: '2025-01-01' }] },
      ],
      synonyms: { ...data.synonyms, defaultOwner: 'ingen' },
    };
    const issues = checkKnowledge(broken, '2026-11-24');
    const errors = issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`);
    expect(errors).toContainEqual(expect.stringMatching(/^functions\[mottagning-barn-unga-malmo-oster\]\.id: id "mottagning-barn-unga-malmo-oster" förekommer flera gånger/));
    expect(errors).toContainEqual(expect.stringMatching(/^areas\[a\]\.within: .*inom sig självt/));
    expect(errors).toContainEqual(expect.stringMatching(/counterparts\[0\]: funktionen kan inte vara sin egen motpart/));
    expect(errors).toContainEqual(expect.stringMatching(/outOfHours: funktionen kan inte vara sin egen reserv/));
    expect(errors).toContainEqual(expect.stringMatching(/holders\[0\]\.to: slutdatum 2025-01-01 är före startdatum 2026-01-01/));
    expect(errors).toContainEqual(expect.stringMatching(/^synonyms\.defaultOwner: funktionen "ingen" finns inte/));
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', path: 'areas[b].aliases', message: expect.stringMatching(/"Rosengård" används också av området "rosengard"/) }));
  });

  it('refuses an everyday word that stems like a word of the guidance\'s questions ("skrivare", "vad får vi skriva")', async () => {
    const { data } = await basic();
    const form = data.guidance[0]!.questions[0]!;
    const word = tokenise(form).find((w) => w.length > 4)!;
    const issues = checkKnowledge({ ...data, synonyms: { ...data.synonyms, offTopic: [...data.synonyms.offTopic, word, 'röda dagar'] } }, '2026-11-24');
    const offTopic = issues.filter((i) => i.path.startsWith('synonyms.offTopic'));
    expect(offTopic).toEqual([expect.objectContaining({ severity: 'error', path: `synonyms.offTopic[${data.synonyms.offTopic.length}]`, message: expect.stringMatching(new RegExp(`^"${word}" har samma ordstam som ett ord i vägledningens fråga`)) })]);
  });

  it('refuses an everyday word cut to a short stem ("dator" → "dat", met by "date" and "data"), not one short as written or with å, ä, ö', async () => {
    const { data } = await basic();
    const issues = checkKnowledge({ ...data, synonyms: { ...data.synonyms, offTopic: [...data.synonyms.offTopic, 'dator', 'VPN', 'väder', 'datorn'] } }, '2026-11-24');
    const offTopic = issues.filter((i) => i.path.startsWith('synonyms.offTopic'));
    expect(offTopic).toEqual([expect.objectContaining({ severity: 'error', path: `synonyms.offTopic[${data.synonyms.offTopic.length}]`, message: expect.stringMatching(/^"dator" har den korta ordstammen "dat"/) })]);
  });

  it('warns about a snippet source outside the authoritative domains, counting subdomains', async () => {
    const { data } = await basic();
    // Without a list, sources are not judged (the fixture has none).
    expect(checkKnowledge(data, '2026-11-24').filter((i) => /sources\[/.test(i.path))).toEqual([]);
    const listed: KnowledgeData = {
      ...data,
      authoritativeSources: [
        { domain: 'lagen.nu', name: 'Lagen.nu' },
        { domain: 'kunskapsguiden.se', name: 'Kunskapsguiden' },
        { domain: 'riksdagen.se', name: 'Sveriges riksdag' },
      ],
      guidance: data.guidance.map((s) =>
        s.id === 'osl-10-18a-grund' ? { ...s, sources: [...s.sources, { title: 'Lawline', url: 'https://lawline.se/answers/x' }, { title: 'Riksdagen', url: 'https://data.riksdagen.se/dokument/HC0365.html' }] } : s,
      ),
    };
    const warnings = checkKnowledge(listed, '2026-11-24').filter((i) => /sources\[/.test(i.path));
    expect(warnings).toContainEqual(expect.objectContaining({ severity: 'warning', path: 'guidance[osl-10-18a-grund].sources[2]', message: expect.stringMatching(/^källan lawline\.se finns inte bland de auktoritativa källorna/) }));
    // kunskapsguiden.se, lagen.nu and data.riksdagen.se (a subdomain) pass.
    expect(warnings.filter((w) => w.path.startsWith('guidance[osl-10-18a-grund]')).map((w) => w.path)).toEqual(['guidance[osl-10-18a-grund].sources[2]']);
    // cve.se, kollpasoc.se and lagar.nj.se in the fixture are not on this short list.
    expect(warnings.map((w) => w.path)).toContain('guidance[samtycke-grund].sources[0]');
    expect(isAuthoritative('https://www.riksdagen.se/sv/x', [{ domain: 'riksdagen.se', name: 'R' }])).toBe(true);
    expect(isAuthoritative('https://notriksdagen.se/x', [{ domain: 'riksdagen.se', name: 'R' }])).toBe(false);
    expect(isAuthoritative('https://riksdagen.se.example.org/x', [{ domain: 'riksdagen.se', name: 'R' }])).toBe(false);
  });

  it('warns about a snippet reviewed before a change to a provision it cites', async () => {
    const { data } = await basic();
    const provision = { ref: 'OSL 10:23', title: 'Misstanke om vissa begångna brott', url: 'https://lagen.nu/2009:400', confirmed: true, how: 'läst', checked: '2026-12-02' };
    // osl-10-21-23-brott cites OSL 10:23 and was reviewed 2026-10-15.
    const changed = (date: string): KnowledgeData => ({ ...data, provisions: [{ ...provision, changed: date, changeNote: 'prop. 2024/25:65' }] });
    const after = checkKnowledge(changed('2026-11-01'), '2026-11-24');
    expect(after).toContainEqual(
      expect.objectContaining({ severity: 'warning', path: 'guidance[osl-10-21-23-brott].reviewed', message: expect.stringMatching(/^granskades 2026-10-15, men OSL 10:23 ändrades 2026-11-01 \(prop\. 2024\/25:65\)/) }),
    );
    // Reviewed after the change, or no change recorded: no warning.
    const before = checkKnowledge(changed('2025-04-01'), '2026-11-24').map((i) => `${i.path}: ${i.message}`);
    expect(before.filter((w) => w.includes('ändrades'))).toEqual([]);
    const unrecorded = checkKnowledge({ ...data, provisions: [provision] }, '2026-11-24').map((i) => i.message);
    expect(unrecorded.filter((m) => m.includes('ändrades'))).toEqual([]);
  });

  it('warns about a cited provision missing from the register, once there is a register', async () => {
    const { data } = await basic();
    expect(checkKnowledge(data, '2026-11-24').filter((i) => i.message.includes('provisions'))).toEqual([]);
    const provision = { ref: 'OSL 10:23', title: 'Misstanke om vissa begångna brott', url: 'https://lagen.nu/2009:400', confirmed: false, how: 'inte omläst', checked: '2026-12-02' };
    const paths = checkKnowledge({ ...data, provisions: [provision] }, '2026-11-24')
      .filter((i) => i.message.includes('finns inte bland lagrummen'))
      .map((i) => i.path);
    expect(paths).toContain('guidance[osl-10-21-23-brott].references[0]');
    expect(paths).not.toContain('guidance[osl-10-21-23-brott].references[2]');
  });

  it('accepts the indexed snapshot as well as raw data', async () => {
    const { data, origins } = await basic();
    const k = buildKnowledge(data, { origins });
    expect(checkKnowledge(k, '2026-11-24')).toEqual(checkKnowledge(data, '2026-11-24', origins));
    expect(path.basename(k.origins.get('synonyms')!)).toBe('synonyms.yaml');
  });
});
