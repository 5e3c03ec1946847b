/**
 * The answer-quality judge (`npm run eval`): every set parses, and the judge counts what the sets
 * say a right answer is. The sets' questions are not asked here: their figures are a report, not
 * a test (see README, "Answer quality").
 */
import { describe, expect, it } from 'vitest';
import { evalSets, judge, readSet, type EvalQuestion } from '../../bench/eval.js';
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
