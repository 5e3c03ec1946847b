/**
 * The benchmark's data must be right before its figures mean anything: the synthetic corpus is
 * deterministic, valid knowledge, and round-trips through YAML; every benchmark question has exactly
 * the answer it claims, and that answer exists at every corpus size. No timing here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abbreviate, buildQuerySet, dropWord, injectTypo, querySetProblems, referenceSpellings, stripDiacritics } from '../../bench/queries.js';
import { generateCorpus, writeCorpusYaml, type Corpus } from '../../bench/corpus.js';
import { createRandom } from '../../bench/random.js';
import { checkKnowledge } from '../../src/knowledge/check.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import type { KnowledgeData } from '../../src/core/knowledge/schema.js';

const shippedDir = path.resolve(import.meta.dirname, '../../knowledge');
let shipped: KnowledgeData;
let small: Corpus;
let larger: Corpus;

beforeAll(async () => {
  shipped = (await loadKnowledge(shippedDir)).data;
  small = generateCorpus(shipped, { functions: 150, snippets: 120 });
  larger = generateCorpus(shipped, { functions: 400, snippets: 120 });
});

describe('synthetic corpus', () => {
  it('is the same every time for the same seed, and different for another seed', () => {
    expect(generateCorpus(shipped, { functions: 150, snippets: 120 })).toEqual(small);
    expect(generateCorpus(shipped, { functions: 150, snippets: 120, seed: 1 }).data.functions).not.toEqual(small.data.functions);
  });

  it('has exactly the requested number of functions and snippets, shipped ones included', () => {
    expect(small.data.functions).toHaveLength(150);
    expect(small.data.guidance).toHaveLength(120);
    for (const f of shipped.functions) expect(small.data.functions).toContainEqual(f);
  });

  it('is valid knowledge: no dangling references, no duplicate ids, no place name used twice', () => {
    const issues = checkKnowledge(larger.data, '2026-11-24');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const ambiguousSynthetic = issues.filter((i) => i.message.includes('används också') && i.path.includes('syn-'));
    expect(ambiguousSynthetic).toEqual([]);
  });

  it('at the benchmark\'s own size (5,000 snippets) passes the knowledge check: the shipped words outside the domain meet no generated question', () => {
    // "skolplacering" outside the domain clashed with a generated "… about skolplacering …" question, so the bench could not start the 1k corpus.
    const full = generateCorpus(shipped, { functions: 150, snippets: 5000 });
    expect(checkKnowledge(full.data, '2026-11-24').filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('grows by adding: a larger corpus holds every function and the same snippets of a smaller one', () => {
    const ids = new Set(larger.data.functions.map((f) => f.id));
    for (const f of small.data.functions) expect(ids.has(f.id), f.id).toBe(true);
    expect(larger.data.guidance).toEqual(small.data.guidance);
  });

  describe('written as YAML', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'motpart-bench-test-'));
      await writeCorpusYaml(small.data, dir);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('loads back through the real loader as the same knowledge', async () => {
      const { data } = await loadKnowledge(dir);
      expect(data).toEqual(small.data);
    });
  });
});

describe('query set', () => {
  it('has at least 300 questions, each once, covering every kind of user mistake', () => {
    const queries = buildQuerySet(shipped, small);
    expect(queries.length).toBeGreaterThanOrEqual(300);
    expect(new Set(queries.map((q) => q.text.toLowerCase())).size).toBe(queries.length);
    const categories = new Set(queries.map((q) => q.category));
    for (const c of ['typo', 'no-diacritics', 'abbreviation', 'legal-ref', 'english', 'word-drop', 'hand-written']) expect(categories, c).toContain(c);
    expect(queries.some((q) => q.origin === 'shipped' && q.expected.kind === 'snippet')).toBe(true);
    expect(queries.some((q) => q.origin === 'shipped' && q.expected.kind === 'function')).toBe(true);
  });

  it('expects only answers that exist, in the shipped knowledge and at every corpus size', () => {
    const queries = buildQuerySet(shipped, small);
    expect(querySetProblems(queries, small.data)).toEqual([]);
    expect(querySetProblems(queries, larger.data)).toEqual([]);
    expect(querySetProblems(queries.filter((q) => q.origin === 'shipped'), shipped)).toEqual([]);
  });

  it('asks about a legal reference only when exactly one snippet cites it', () => {
    const citing = (ref: string) => small.data.guidance.filter((s) => s.references.includes(ref));
    for (const q of buildQuerySet(shipped, small).filter((x) => x.category === 'legal-ref')) {
      const snippet = small.data.guidance.find((s) => s.id === q.expected.id)!;
      expect(snippet.references.some((r) => citing(r).length === 1), q.text).toBe(true);
    }
  });

  it('is the same every time', () => {
    expect(buildQuerySet(shipped, small)).toEqual(buildQuerySet(shipped, small));
  });
});

describe('perturbations', () => {
  it('strips å, ä and ö as people do on a foreign keyboard', () => {
    expect(stripDiacritics('Får socialtjänsten lämna uppgifter i Södertälje?')).toBe('Far socialtjansten lamna uppgifter i Sodertalje?');
  });

  it('puts one typo in one long word and keeps its first letter', () => {
    const random = createRandom(3);
    for (let i = 0; i < 50; i++) {
      const text = 'får socialtjänsten lämna uppgifter till polisen';
      const typo = injectTypo(text, random);
      expect(typo.split(' ').filter((w, j) => w !== text.split(' ')[j]), typo).toHaveLength(1);
      expect(typo.split(' ').map((w) => w[0])).toEqual(text.split(' ').map((w) => w[0]));
    }
  });

  it('drops only short filler words, never the ones to keep', () => {
    const random = createRandom(5);
    for (let i = 0; i < 30; i++) {
      const dropped = dropWord('kan skolan få veta om ett skolärende i skolan', random, ['skolärende']);
      expect(dropped.split(' ')).toHaveLength(8);
      expect(dropped).toContain('skolärende');
    }
  });

  it('abbreviates what people abbreviate, and nothing else', () => {
    expect(abbreviate('får socialtjänsten ringa lokalpolisområde Öster')).toBe('får soc ringa LPO Öster');
    expect(abbreviate('får skolan ringa polisen')).toBeUndefined();
  });

  it('writes a legal reference in the spellings people use', () => {
    const spellings = referenceSpellings('OSL 10:18 a', new Map([['18 a', 'OSL 10:18 a']]));
    expect(spellings).toEqual(expect.arrayContaining(['10:18a', '10 kap 18 a §', '10 kap. 18 a § OSL', 'osl 10:18 a', '18 a OSL', '18a', '1018a']));
    expect(referenceSpellings('PL 12', new Map())).toEqual(['12 § PL', 'PL 12']);
  });
});
