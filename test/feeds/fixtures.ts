import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

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
  expect(existsSync(path), `missing fixture ${path}: run UPDATE_FIXTURES=1 npx vitest run test/feeds and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
