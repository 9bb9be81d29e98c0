import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { coverageOf, coveragePercent, describeCoverageProblems, type Coverage } from './coverage.js';
import { CALENDARS_DIR } from './load.js';
import { checkQuotes, describeQuoteProblem, readCalendarText, sourceTextOf, type CalendarText } from './sources.js';

const CALENDAR_FILE = /^\d{4}-geboortezorg\.ya?ml$/;

/** What `calendars:check` and `calendars:coverage` prove of one calendar beyond its schema. */
export interface CalendarProof {
  name: string;
  calendar: CalendarText;
  /** Quotes not in the source, a missing source, a version without its change log. */
  problems: string[];
  coverage: Coverage | null;
}

/** Every calendar file under `dir`, as `{ path, name }` (name relative to the repository). */
export function calendarPaths(dir = CALENDARS_DIR): { path: string; name: string }[] {
  const paths: { path: string; name: string }[] = [];
  for (const insurer of readdirSync(dir).sort()) {
    const insurerDir = join(dir, insurer);
    if (!statSync(insurerDir).isDirectory()) continue;
    for (const entry of readdirSync(insurerDir).sort()) {
      if (CALENDAR_FILE.test(entry))
        paths.push({ path: join(insurerDir, entry), name: relative(join(dir, '..'), join(insurerDir, entry)) });
    }
  }
  return paths;
}

/** Quotes against the source, coverage of its dated sentences, and the version log, for one calendar text. */
export function proveCalendar(
  yamlText: string,
  name: string,
  readSource: (file: string) => string | undefined,
): CalendarProof {
  const calendar = readCalendarText(yamlText, name);
  const problems = versionProblems(calendar);
  if (!calendar.sourceFile) {
    problems.push(`${name}:1: document.source names no source text: put the document's text beside the calendar`);
    return { name, calendar, problems, coverage: null };
  }
  const raw = readSource(calendar.sourceFile);
  if (raw === undefined) {
    problems.push(`${name}:1: source text ${calendar.sourceFile} is not beside the calendar`);
    return { name, calendar, problems, coverage: null };
  }
  const { problems: quoteProblems } = checkQuotes(calendar, sourceTextOf(calendar, raw));
  problems.push(...quoteProblems.map((problem) => describeQuoteProblem(calendar, problem)));
  return { name, calendar, problems, coverage: coverageOf(calendar, raw) };
}

export function proveCalendarFile(path: string, name: string): CalendarProof {
  const folder = join(path, '..');
  return proveCalendar(readFileSync(path, 'utf8'), name, (file) => {
    const sourcePath = join(folder, file);
    return existsSync(sourcePath) ? readFileSync(sourcePath, 'utf8') : undefined;
  });
}

/** A published calendar says which version it is and what changed, checked by whom. */
function versionProblems(calendar: CalendarText): string[] {
  const version = calendar.data.version;
  const changes = (calendar.data.changes ?? []) as { version?: number }[];
  if (typeof version !== 'number')
    return [`${calendar.name}:1: no version: give the calendar a version and a changes log`];
  if (changes.length === 0) return [`${calendar.name}:1: version ${version} has no changes log`];
  const latest = changes[changes.length - 1].version;
  return latest === version
    ? []
    : [`${calendar.name}:1: version is ${version} but the last changes entry is for version ${latest}`];
}

/** One line per calendar for the coverage summary. */
export function coverageSummary(proof: CalendarProof): string {
  const coverage = proof.coverage;
  if (!coverage) return `${proof.name}: no source text`;
  const cited = coverage.cited.size;
  const listed = coverage.listed.size;
  return `${proof.name}: ${coveragePercent(coverage).toFixed(1)} % of ${coverage.dated.length} dated sentences (${cited} cited, ${listed} listed as uncited, ${coverage.missing.length} missing, ${coverage.stale.length} stale)`;
}

export function coverageProblems(proof: CalendarProof): string[] {
  return proof.coverage ? describeCoverageProblems(proof.coverage) : [];
}
