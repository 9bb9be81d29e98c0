import { afterEach, describe, expect, it, vi } from 'vitest';
import { todayInAmsterdam } from '../src/clock.js';

afterEach(() => {
  vi.useRealTimers();
});

const at = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  return todayInAmsterdam();
};

describe('todayInAmsterdam', () => {
  it('turns at Amsterdam midnight, not UTC midnight, also on the nights the clocks change', () => {
    expect(at('2026-03-28T22:59:59.999Z')).toBe('2026-03-28'); // 23:59:59 CET
    expect(at('2026-03-28T23:00:00.000Z')).toBe('2026-03-29');
    expect(at('2026-03-29T21:59:59.999Z')).toBe('2026-03-29'); // 23:59:59 CEST, after the clocks went forward
    expect(at('2026-03-29T22:00:00.000Z')).toBe('2026-03-30');
    expect(at('2026-10-25T22:59:59.999Z')).toBe('2026-10-25'); // after the clocks went back
    expect(at('2026-10-25T23:00:00.000Z')).toBe('2026-10-26');
  });

  it('follows the clock backwards too', () => {
    expect(at('2026-11-23T12:00:00Z')).toBe('2026-11-23');
    expect(at('2026-11-22T12:00:00Z')).toBe('2026-11-22');
  });

  it('returns a pinned TODAY and refuses an impossible one', () => {
    expect(todayInAmsterdam('2027-03-12')).toBe('2027-03-12');
    expect(() => todayInAmsterdam('2027-02-30')).toThrow(/TODAY/);
  });
});
