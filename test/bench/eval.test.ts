/**
 * The answer-quality judge (`npm run eval`): every set parses, and the judge counts what the sets
 * say a right answer is. The sets' questions are not asked here: their figures are a report, not
 * a test (see README, "Answer quality").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { committedResults, evalSets, judge, readSet, type EvalQuestion, type SetResult } from '../../bench/eval.js';
import { reply, type GuidanceView } from '../../src/core/reply.js';

const guidance = (over: Partial<GuidanceView>): GuidanceView => ({
  snippetId: 's',
  title: 'En regel',
  verdict: 'far',
  answer: 'Svar.',
  conditions: [],
  references: [{ canonical: 'OSL 10:21', display: '10 kap. 21 § OSL' }],
  sources: [],
  reviewed: '2026-12-02',
  reviewOverdue: false,
  ...over,
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const q = (over: Partial<EvalQuestion>): EvalQuestion => ({ id: 'x', kind: 'guidance', style: 'plain', question: '?', expect: {}, ...over });

describe('the evaluation sets', () => {
  it.each(evalSets().map((s) => [s.name, s.file] as const))('%s parses, with unique ids', (_, file) => {
    const set = readSet(file);
    expect(set.length).toBeGreaterThan(100);
    expect(new Set(set.map((x) => x.id)).size).toBe(set.length);
  });
});

describe('the judge', () => {
  const case21 = q({ expect: { provisions: ['OSL 10:21'], verdicts: ['far'], dangerous: { provisions: ['OSL 10:23'] } } });

  it('a guidance answer is right with an accepted provision and verdict, and confidently wrong otherwise', () => {
    expect(judge(case21, reply({ intent: 'guidance', headline: 'h', parts: [{ type: 'guidance', guidance: guidance({}) }] }))).toMatchObject({ right: true, confidentWrong: false });
    const wrong = reply({ intent: 'guidance', headline: 'h', parts: [{ type: 'guidance', guidance: guidance({ references: [{ canonical: 'OSL 10:23', display: '' }] }) }] });
    expect(judge(case21, wrong)).toMatchObject({ right: false, confidentWrong: true });
  });

  it('an abstention is wrong unless the set allows it, and never confidently wrong', () => {
    const unsure = reply({ intent: 'guidance', headline: 'Jag har inget säkert svar på det' });
    expect(judge(case21, unsure)).toMatchObject({ right: false, confidentWrong: false });
    expect(judge(q({ expect: { abstainOk: true } }), unsure).right).toBe(true);
  });

  it('a law named without a section accepts a snippet that names the law as its basis', () => {
    const duty = q({ expect: { provisions: ['SoL'], verdicts: ['ska'] } });
    const r = reply({ intent: 'guidance', headline: 'h', parts: [{ type: 'guidance', guidance: guidance({ verdict: 'ska', references: [], answer: 'Anmälningsskyldigheten i socialtjänstlagen (2025:400).' }) }] });
    expect(judge(duty, r).right).toBe(true);
  });

  it('out of scope is right only with neither contacts nor guidance', () => {
    const oos = q({ kind: 'out_of_scope' });
    expect(judge(oos, reply({ intent: 'unknown', headline: 'Jag förstod inte frågan' })).right).toBe(true);
    expect(judge(oos, reply({ intent: 'guidance', headline: 'Jag har inget säkert svar på det' })).right).toBe(false);
  });
});

describe('the committed results', () => {
  const result = (name: string): SetResult => ({
    name,
    total: 2,
    right: 0,
    byKind: {},
    byStyle: {},
    confidentWrong: [{ id: 'x-1', question: 'en fråga ur setet', got: 'osl-10-18a', expected: '{}' }],
    misses: [{ id: 'x-1', kind: 'guidance', style: 'plain', question: 'en fråga ur setet', got: 'osl-10-18a', expected: '{}' }],
  });
  it('never quote a held-out set\'s questions: its misses and wrong answers are counted', () => {
    const kept = committedResults([result('held'), result('read')], [{ name: 'held', heldOut: true }, { name: 'read', heldOut: false }]);
    expect(JSON.stringify(kept[0])).not.toContain('en fråga ur setet');
    expect(kept[0]).toMatchObject({ misses: 1, confidentWrong: 1 });
    expect(kept[1]!.confidentWrong).toEqual([expect.objectContaining({ question: 'en fråga ur setet' })]);
  });
  it('the file on disk quotes no question of the current held-out set', () => {
    const file = JSON.parse(readFileSync(path.join(root, 'bench/results/eval-latest.json'), 'utf8')) as Array<{ name: string; confidentWrong: unknown }>;
    const held = new Set(evalSets().filter((s) => s.heldOut).map((s) => s.name));
    for (const s of file.filter((x) => held.has(x.name))) expect(typeof s.confidentWrong).toBe('number');
  });
});
