import { describe, expect, it } from 'vitest';
import { CHECKLIST_DATA_KEY, toggleId } from '../../src/adapters/teams/adaptiveCard.js';
import { parseCardSubmission } from '../../src/adapters/teams/cardData.js';
import { plainText, toInput } from '../../src/adapters/teams/commands.js';

describe('Teams text to core input', () => {
  it.each([
    ['motpart rosengård', { text: 'rosengård', command: 'motpart' }],
    ['Motpart  Rosengard ', { text: 'Rosengard', command: 'motpart' }],
    ['/motpart LPO öster', { text: 'LPO öster', command: 'motpart' }],
    ['sekretess får soc berätta för polisen om en 17 åring', { text: 'får soc berätta för polisen om en 17 åring', command: 'sekretess' }],
    ['SEKRETESS 18a', { text: '18a', command: 'sekretess' }],
    ['checklista sig', { text: 'sig', command: 'checklista' }],
    ['checklista', { text: '', command: 'checklista' }],
    ['hjälp', { text: '', command: 'hjalp' }],
    ['Hjalp', { text: '', command: 'hjalp' }],
    ['/hjälp', { text: '', command: 'hjalp' }],
    ['rapport', { text: '', command: 'rapport' }],
  ])('%j → %j', (typed, input) => {
    expect(toInput(typed)).toEqual(input);
  });

  it.each([
    'hjälp mig hitta kommunpolisen i södertälje',
    'rapporten från soc, får jag lämna den till polisen?',
    'vem är min motpart i rosengård',
    'får skolan prata med polisen',
    '10 kap 18 a',
  ])('leaves a question as free text: %j', (typed) => {
    expect(toInput(typed)).toEqual({ text: typed });
  });

  it('drops markup, other people’s mentions and entities from Teams text', () => {
    expect(plainText('<at>Anna Andersson</at> vem är motpart i <b>Hovsjö</b>?&nbsp;&amp; LPO')).toBe('vem är motpart i Hovsjö ? & LPO');
    expect(toInput('<p>sekretess&nbsp;samtycke</p>')).toEqual({ text: 'samtycke', command: 'sekretess' });
  });
});

describe('card submissions', () => {
  it('reads a core action from Action.Submit data', () => {
    const action = { type: 'feedback', target: 'snippet', targetId: 'osl-10-18a-grund', helpful: true };
    expect(parseCardSubmission({ motpart: action })).toEqual({ kind: 'action', action });
  });

  it('reads a messageBack value, whether as object, JSON string or still nested under msteams', () => {
    const action = { type: 'ask', text: 'får soc lämna uppgifter till polisen' };
    expect(parseCardSubmission({ motpart: action })).toEqual({ kind: 'action', action });
    expect(parseCardSubmission(JSON.stringify({ motpart: action }))).toEqual({ kind: 'action', action });
    expect(parseCardSubmission({ msteams: { type: 'messageBack', text: action.text, value: { motpart: action } } })).toEqual({ kind: 'action', action });
  });

  it('turns a checklist save into the submitted toggle states of the items the card showed', () => {
    const value = {
      [CHECKLIST_DATA_KEY]: { runId: 'run-1', rendered: { kartlaggning: true, samtycke: false, atgardsplan: false } },
      [toggleId('run-1', 'kartlaggning')]: 'true',
      [toggleId('run-1', 'samtycke')]: 'true',
      [toggleId('run-1', 'atgardsplan')]: false,
      [toggleId('run-1', 'smuggled')]: 'true',
      [toggleId('other-run', 'kartlaggning')]: 'false',
    };
    expect(parseCardSubmission(value)).toEqual({
      kind: 'checklist',
      runId: 'run-1',
      rendered: { kartlaggning: true, samtycke: false, atgardsplan: false },
      submitted: { kartlaggning: true, samtycke: true, atgardsplan: false },
    });
  });

  it.each([
    [{ motpart: { type: 'delete-everything' } }],
    [{ motpart: { type: 'checklist.toggle', runId: '' , itemId: 'a' } }],
    [{ motpart: { type: 'ask', text: 'x'.repeat(5_000) } }],
    [{ motpart: 'checklist.reset' }],
    [{ [CHECKLIST_DATA_KEY]: { runId: 'run-1', rendered: { a: 'yes' } } }],
    [{ [CHECKLIST_DATA_KEY]: { rendered: {} } }],
  ])('refuses forged or broken data %j', (value) => {
    expect(parseCardSubmission(value).kind).toBe('invalid');
  });

  it.each([[undefined], [null], ['not json'], [42], [[1, 2]], [{ someOtherBot: true }]])('ignores values that are not ours: %j', (value) => {
    expect(parseCardSubmission(value)).toEqual({ kind: 'none' });
  });
});
