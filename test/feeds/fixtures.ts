import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { daysBetween } from '../../src/domain/plain-date.js';
import type { TimelineItem } from '../../src/domain/types.js';

/** `UPDATE_FIXTURES=1 npx vitest run test/feeds` rewrites the expected feeds; the diff is the review. */
export const UPDATE = process.env.UPDATE_FIXTURES === '1';
export const FEED_FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));

/** Compares a (masked) feed with its stored expected file, whole; writes it instead when updating. */
export function expectFeedFixture(relativePath: string, actual: string): void {
  const path = join(FEED_FIXTURES, relativePath);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(
    existsSync(path),
    `missing fixture ${path}: run UPDATE_FIXTURES=1 npx vitest run test/feeds and review it`,
  ).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The event UIDs a feed has for these items: dated ones only; a long window the provider acts in adds its opening first. */
export function eventUidsOf(
  items: readonly TimelineItem[],
  uid: (item: TimelineItem, part?: 'opens') => string,
): string[] {
  return items
    .filter((item) => item.due !== null)
    .flatMap((item) => {
      const long = item.window !== null && daysBetween(item.window.from, item.window.to) + 1 > 31;
      return long && item.type !== 'info' && item.actor === 'provider' && item.done === null
        ? [uid(item, 'opens'), uid(item)]
        : [uid(item)];
    });
}
