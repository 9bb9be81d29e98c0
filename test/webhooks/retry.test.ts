import { describe, expect, it } from 'vitest';
import { GIVE_UP_AFTER_MS, retryDelayMs } from '../../src/webhooks/dispatcher.js';

describe('retryDelayMs', () => {
  it('grows three times per attempt from 5 s, with at most 20% jitter either way, capped at 12 hours', () => {
    const exact = (attempts: number) => retryDelayMs(attempts, 5_000, () => 0.5);
    expect([1, 2, 3, 4].map(exact)).toEqual([5_000, 15_000, 45_000, 135_000]);
    expect(exact(30)).toBe(12 * 3_600_000);
    expect(retryDelayMs(2, 5_000, () => 0)).toBe(12_000);
    expect(retryDelayMs(2, 5_000, () => 0.999_999)).toBeLessThanOrEqual(18_000);
  });

  it('gives about three days of tries before giving up', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed + retryDelayMs(attempts + 1, 5_000, () => 0.5) <= GIVE_UP_AFTER_MS)
      elapsed += retryDelayMs(++attempts, 5_000, () => 0.5);
    expect(GIVE_UP_AFTER_MS).toBe(3 * 24 * 3_600_000);
    expect(attempts).toBeGreaterThanOrEqual(10);
    expect(attempts).toBeLessThanOrEqual(20);
  });
});
