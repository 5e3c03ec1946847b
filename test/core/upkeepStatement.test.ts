/** Statements that change the directory, as people write them; and questions that are not statements. */
import { describe, expect, it } from 'vitest';
import { parseStatement, periodIn } from '../../src/core/directory/upkeepStatement.js';

const TODAY = '2026-11-24';

describe('stand-in statements', () => {
  it.each([
    ['jag är ledig 15–30 december, Kim Exempel vikarierar', { from: '2026-12-15', to: '2026-12-30', person: 'Kim Exempel' }],
    ['Jag är ledig 15-30 dec. Kim Exempel (fiktiv) går in', { from: '2026-12-15', to: '2026-12-30', person: 'Kim Exempel (fiktiv)' }],
    ['jag är föräldraledig 15 december till 6 januari och Kim vikarierar', { from: '2026-12-15', to: '2027-01-06', person: 'Kim' }],
    ['jag har semester 2026-12-15–2026-12-30, vikarie är Kim Exempel', { from: '2026-12-15', to: '2026-12-30', person: 'Kim Exempel' }],
    ['jag är sjukskriven t.o.m. 30 november, Kim Exempel ersätter mig', { from: TODAY, to: '2026-11-30', person: 'Kim Exempel' }],
    ['jag är ledig 20–30 november, Kim vikarierar', { from: '2026-11-20', to: '2026-11-30', person: 'Kim' }],
  ])('%s', (text, expected) => {
    expect(parseStatement(text, TODAY)).toEqual({ kind: 'standin', subject: { self: true }, ...expected });
  });

  it('reads an editor speaking of someone else', () => {
    expect(parseStatement('Sara Exempelsson är ledig 15–30 december, Kim Exempel vikarierar', TODAY)).toEqual({
      kind: 'standin',
      subject: { self: false, name: 'Sara Exempelsson' },
      person: 'Kim Exempel',
      from: '2026-12-15',
      to: '2026-12-30',
    });
  });

  it('needs a capitalised name for the stand-in and a period', () => {
    expect(parseStatement('jag är ledig 15–30 december, kollegan vikarierar', TODAY)).toBeUndefined();
    expect(parseStatement('jag är ledig, Kim vikarierar', TODAY)).toBeUndefined();
  });
});

describe('handovers and leaving', () => {
  it.each([
    ['från 1 januari är det Sara som har funktionen', '2027-01-01', 'Sara'],
    ['Från 1 januari 2027 är det Sara Nyström som tar över', '2027-01-01', 'Sara Nyström'],
    ['från 1/1 tar Sara över', '2027-01-01', 'Sara'],
    ['Sara Nyström tar över funktionen från 1 januari', '2027-01-01', 'Sara Nyström'],
  ])('%s', (text, from, person) => {
    expect(parseStatement(text, TODAY)).toEqual({ kind: 'handover', person, from });
  });

  it('"jag har slutat" ends today; "jag slutar 31 december" after that day', () => {
    expect(parseStatement('jag har slutat', TODAY)).toEqual({ kind: 'left', subject: { self: true }, from: TODAY });
    expect(parseStatement('Jag har slutat här, tack för allt', TODAY)).toEqual({ kind: 'left', subject: { self: true }, from: TODAY });
    expect(parseStatement('jag har slutat på enheten', TODAY)).toEqual({ kind: 'left', subject: { self: true }, from: TODAY });
    expect(parseStatement('jag slutar 31 december', TODAY)).toEqual({ kind: 'left', subject: { self: true }, from: '2027-01-01' });
    expect(parseStatement('Bo Fiktivsson har slutat', TODAY)).toEqual({ kind: 'left', subject: { self: false, name: 'Bo Fiktivsson' }, from: TODAY });
  });
});

describe('questions are not statements', () => {
  it.each([
    'har Sara slutat?',
    'vem vikarierar för kommunpolisen i Rosengård',
    'vem är min motpart i rosengard, jag är polis',
    'jag är polis, vem är min motpart i Husie',
    'får soc lämna uppgifter till polisen om en 17-åring',
    'jag jobbar på soc i Malmö',
    'jag är ledig i morgon, vem ska jag ringa?',
    'kan Kim vikariera 15–30 december',
    'jag har slutat förstå sekretessreglerna, vad gäller för 18 a',
    'polisen har slutat svara på våra mejl',
    'checklista orosanmälan',
  ])('%s', (text) => {
    expect(parseStatement(text, TODAY)).toBeUndefined();
  });
});

describe('periods', () => {
  it('refuses dates that are not in the calendar', () => {
    expect(periodIn('31-32 december', TODAY)).toBeUndefined();
    expect(periodIn('30 februari till 3 mars', TODAY)).toBeUndefined();
  });
});
