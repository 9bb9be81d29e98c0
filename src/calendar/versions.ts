import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CalendarFile } from '../domain/types.js';
import { parseCalendar } from './load.js';
import { calendarPaths } from './proof.js';

const CALENDAR_PATH = /^calendars\/[^/]+\/\d{4}-geboortezorg\.ya?ml$/;

/** One calendar at two points in time, by its path in the repository; null where it does not exist. */
export interface CalendarVersions {
  path: string;
  before: CalendarFile | null;
  after: CalendarFile | null;
}

/**
 * Every calendar as it was at a git ref (read with `git show ref:path`) beside the working tree's.
 * The old text is parsed without the current schema: an older file may use keys since renamed.
 */
export function calendarsSince(ref: string, repository: string): CalendarVersions[] {
  if (ref.startsWith('-')) throw new Error(`"${ref}" is not a git ref`);
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: repository, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const then = git('ls-tree', '-r', '--name-only', ref, '--', 'calendars/')
    .split('\n')
    .filter((path) => CALENDAR_PATH.test(path));
  const now = calendarPaths(join(repository, 'calendars')).map((entry) => entry.name);
  return [...new Set([...then, ...now])].sort().map((path) => ({
    path,
    before: then.includes(path) ? (parse(git('show', `${ref}:${path}`)) as CalendarFile) : null,
    after: now.includes(path)
      ? parseCalendar(readFileSync(join(repository, path), 'utf8'), path, join(repository, 'calendars'))
      : null,
  }));
}
