import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { CONTRACT_STATUSES, PROVIDER_KINDS } from '../../src/domain/types.js';
import { archetypesOf, fixtureAsOf, providerOf } from './archetypes.js';

/**
 * Expected timelines per calendar × kind × status (and attribute value), compared whole.
 * `npm run test:fixtures:update` rewrites them; the diff is the review.
 */
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const FIXTURES = fileURLToPath(new URL('../fixtures/timelines/', import.meta.url));
const calendars = loadCalendarSet();

describe.each(calendars.all().map((calendar) => [calendar.key, calendar] as const))(
  'expected timelines of %s',
  (key, calendar) => {
    const folder = join(FIXTURES, key.replace('/', '-'));
    const archetypes = archetypesOf(calendar);
    const asOf = fixtureAsOf(calendar);

    if (UPDATE) {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
    }

    it.each(archetypes.map((archetype) => [archetype.name, archetype] as const))('%s', (name, archetype) => {
      const items = computeTimeline(providerOf(calendar, archetype), calendars, archetype.events ?? [], asOf, {
        expected: true,
      });
      const actual = { calendar: key, archetype, asOf, items };
      const path = join(folder, `${name}.json`);
      if (UPDATE) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(path), `missing fixture ${path}: run npm run test:fixtures:update and review it`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    });

    it('has no fixture left over from a removed archetype', () => {
      const expected = new Set(archetypes.map((archetype) => `${archetype.name}.json`));
      expect(readdirSync(folder).filter((file) => !expected.has(file))).toEqual([]);
    });

    it('covers every line of the calendar in some fixture', () => {
      const seen = new Set<string>();
      for (const archetype of archetypes) {
        for (const item of computeTimeline(providerOf(calendar, archetype), calendars, archetype.events ?? [], asOf, {
          expected: true,
        }))
          seen.add(item.id);
      }
      expect(calendar.lines.map((line) => line.itemId).filter((id) => !seen.has(id))).toEqual([]);
    });
  },
);

it('finds the calendars of both first insurers', () => {
  expect(calendars.all().map((calendar) => calendar.key)).toEqual(
    expect.arrayContaining(['cz-groep/2027', 'zorg-en-zekerheid/2026']),
  );
});

/**
 * A practice as the audit met it: contracts with CZ (2027), Zorg en Zekerheid (2026) and VGZ (2027, no document
 * here), per kind × status, on 2 December 2026 and 15 January 2027: her whole year, carried forward, expected and
 * legal dates included, as her timeline shows it.
 */
const PRACTICES = fileURLToPath(new URL('../fixtures/practices/', import.meta.url));
const PRACTICE_DAYS = ['2026-12-02', '2027-01-15'];

describe.each(PRACTICE_DAYS)('practice timelines as of %s', (asOf) => {
  const folder = join(PRACTICES, asOf);
  if (UPDATE) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
  }
  const shapes = PROVIDER_KINDS.flatMap((kind) => CONTRACT_STATUSES.map((status) => ({ kind, status })));

  it.each(shapes.map((shape) => [`${shape.kind}-${shape.status}`, shape] as const))('%s', (name, { kind, status }) => {
    const provider = {
      kinds: [kind],
      contracts: [
        { insurer: 'cz-groep', year: 2027, status },
        { insurer: 'zorg-en-zekerheid', year: 2026, status },
        { insurer: 'vgz', year: 2027, status },
      ],
    };
    const items = computeTimeline(provider, calendars, [], asOf, { expected: true });
    const actual = { provider, asOf, items };
    const path = join(folder, `${name}.json`);
    if (UPDATE) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(path), `missing fixture ${path}: run npm run test:fixtures:update and review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
  });
});
