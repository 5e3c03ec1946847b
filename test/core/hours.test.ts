import { describe, expect, it } from 'vitest';
import { formatHours, isOpen, localTime } from '../../src/core/hours.js';
import type { OpeningHours } from '../../src/core/knowledge/schema.js';

const TZ = 'Europe/Stockholm';
const office: OpeningHours = { periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '16:30' }], closed: ['2026-12-24'] };
const jour: OpeningHours = {
  periods: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '16:30', to: '08:00' },
    { days: ['sat', 'sun'], from: '00:00', to: '24:00' },
  ],
  closed: [],
};
const at = (iso: string) => localTime(new Date(iso), TZ);

describe('opening hours', () => {
  it('reads wall-clock time in Stockholm, summer and winter', () => {
    expect(at('2026-11-24T09:00:00Z')).toEqual({ date: '2026-11-24', day: 'tue', minutes: 600 });
    expect(at('2026-06-15T22:30:00Z')).toEqual({ date: '2026-06-16', day: 'tue', minutes: 30 });
  });

  it('is open inside a period and closed outside it', () => {
    expect(isOpen(office, at('2026-11-24T09:00:00Z'))).toBe(true);
    expect(isOpen(office, at('2026-11-24T15:30:00Z'))).toBe(false); // 16:30 local: closing time
    expect(isOpen(office, at('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
  });

  it('is closed on closed dates', () => {
    expect(isOpen(office, at('2026-12-24T09:00:00Z'))).toBe(false);
  });

  it('handles periods that wrap midnight, including Friday night into Saturday', () => {
    expect(isOpen(jour, at('2026-11-24T19:00:00Z'))).toBe(true); // Tue 20:00
    expect(isOpen(jour, at('2026-11-25T05:00:00Z'))).toBe(true); // Wed 06:00, tail of Tuesday
    expect(isOpen(jour, at('2026-11-25T09:00:00Z'))).toBe(false); // Wed 10:00
    expect(isOpen(jour, at('2026-11-28T06:00:00Z'))).toBe(true); // Sat 07:00
    expect(isOpen('dygnet-runt', at('2026-11-25T09:00:00Z'))).toBe(true);
  });

  it('formats hours as short Swedish text', () => {
    expect(formatHours(office)).toBe('mån–fre 08.00–16.30');
    expect(formatHours(jour)).toBe('mån–fre 16.30–08.00, lör, sön hela dygnet');
    expect(formatHours('dygnet-runt')).toBe('dygnet runt');
    expect(formatHours({ periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }], closed: [] })).toBe('dygnet runt');
    expect(formatHours({ periods: [{ days: ['mon', 'wed', 'fri'], from: '09:00', to: '12:00' }], closed: [], note: 'drop-in' })).toBe('mån, ons, fre 09.00–12.00 (drop-in)');
  });
});
