import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import { CalendarSet } from '../domain/calendar-set.js';
import { checkCalendar } from '../domain/validate-calendar.js';
import type { CalendarFile } from '../domain/types.js';
import type { DecreeDay } from '../domain/working-days.js';
import { CALENDAR_SCHEMA_SHA256, validate as precompiledValidator } from './calendar-schema.generated.js';
import { checkStatutoryLines, loadInsurerRegistry, loadLegalRules } from './legal.js';
import { parsedAtBuild, yaml } from './parse-cache.js';
import { CALENDAR_SCHEMA_AJV_OPTIONS } from './schema-options.js';

/** The repository's calendars/ folder, from src/calendar or dist/calendar alike. */
export const CALENDARS_DIR = fileURLToPath(new URL('../../calendars/', import.meta.url));

const CALENDAR_FILE = /^(\d{4})-geboortezorg\.ya?ml$/;

/** A calendar file that cannot be used: says which file, which line and why. */
export class CalendarFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problems: string[],
  ) {
    super(`${file}:${line}: ${problems.join('\n  ')}`);
    this.name = 'CalendarFileError';
  }
}

/** Validators by the SHA-256 of their schema's text. */
const validators = new Map<string, ValidateFunction>([
  [CALENDAR_SCHEMA_SHA256, precompiledValidator as ValidateFunction],
]);

/**
 * The validator of `dir`'s calendar.schema.json: the one compiled ahead of time (`npm run generate`) when the text is
 * the same, which saves compiling it at start-up (~0.1 s); another or an edited schema is compiled here.
 */
function schemaValidator(dir: string): ValidateFunction {
  const text = readFileSync(join(dir, 'calendar.schema.json'), 'utf8');
  const sha256 = createHash('sha256').update(text).digest('hex');
  let validate = validators.get(sha256);
  if (!validate) {
    validate = new Ajv(CALENDAR_SCHEMA_AJV_OPTIONS).compile(JSON.parse(text));
    validators.set(sha256, validate);
  }
  return validate;
}

/** Parse, validate and check one calendar file's text; `name` is how errors name the file. */
export function parseCalendar(text: string, name: string, dir = CALENDARS_DIR): CalendarFile {
  // A text the build parsed is not parsed again, but validated and checked all the same; a bad one is parsed for its line.
  const built = parsedAtBuild(text);
  if (built !== undefined && problemsOf(built, name, dir) === undefined) return built as CalendarFile;
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new CalendarFileError(
      name,
      lineCounter.linePos(error.pos[0]).line,
      doc.errors.map((e) => e.message),
    );
  }
  const data = doc.toJS() as unknown;
  const problems = problemsOf(data, name, dir);
  if (problems) throw new CalendarFileError(name, lineOf(doc, lineCounter, problems.path), problems.messages);
  return data as CalendarFile;
}

/** Why `data` is not a good calendar file named `name` (the schema first, then the checks), at the first problem's path. */
function problemsOf(
  data: unknown,
  name: string,
  dir: string,
): { path: (string | number)[]; messages: string[] } | undefined {
  const validate = schemaValidator(dir);
  if (!validate(data)) {
    const errors = relevantErrors(validate.errors ?? []);
    return { path: pointerToPath(errors[0].instancePath), messages: errors.map(describeSchemaError) };
  }
  const file = data as CalendarFile;
  const problems = checkCalendar(file);
  const expected = CALENDAR_FILE.exec(basename(name));
  if (expected && Number(expected[1]) !== file.year)
    problems.unshift({ path: ['year'], message: `year ${file.year} does not match the file name` });
  const folder = basename(join(name, '..'));
  if (expected && folder !== file.insurer)
    problems.unshift({ path: ['insurer'], message: `insurer "${file.insurer}" does not match its folder "${folder}"` });
  if (problems.length === 0) return undefined;
  return { path: problems[0].path, messages: problems.map((p) => `${p.path.join('/')}: ${p.message}`) };
}

export interface LoadedCalendars {
  files: CalendarFile[];
  decreeDays: DecreeDay[];
}

/** Every `calendars/<insurer>/<year>-geboortezorg.yaml`, validated, and the decree days. */
export function loadCalendarFiles(dir = CALENDARS_DIR): LoadedCalendars {
  const files: CalendarFile[] = [];
  for (const insurer of readdirSync(dir).sort()) {
    const insurerDir = join(dir, insurer);
    if (!statSync(insurerDir).isDirectory()) continue;
    for (const entry of readdirSync(insurerDir).sort()) {
      if (!CALENDAR_FILE.test(entry)) continue;
      const path = join(insurerDir, entry);
      files.push(parseCalendar(readFileSync(path, 'utf8'), relative(join(dir, '..'), path), dir));
    }
  }
  return { files, decreeDays: loadDecreeDays(dir) };
}

export function loadCalendarSet(dir = CALENDARS_DIR): CalendarSet {
  const { files, decreeDays } = loadCalendarFiles(dir);
  // A test's own calendars folder may have no rule file: then no statutory items.
  const legal = existsSync(join(dir, 'legal.yaml')) ? loadLegalRules(dir) : undefined;
  if (legal !== undefined) checkStatutoryLines(files, legal);
  const registry = existsSync(join(dir, 'insurers.yaml')) ? loadInsurerRegistry(dir, files) : [];
  return new CalendarSet(files, decreeDays, legal, registry);
}

const isDecreeDay = (day: DecreeDay) => typeof day.name === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(String(day.date));

function loadDecreeDays(dir: string): DecreeDay[] {
  const text = readFileSync(join(dir, 'decree-days.yaml'), 'utf8');
  const built = parsedAtBuild(text) as { decreeDays?: DecreeDay[] } | undefined;
  if (built !== undefined && (built.decreeDays ?? []).every(isDecreeDay)) return built.decreeDays ?? [];
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter });
  const days = (doc.toJS() as { decreeDays?: DecreeDay[] }).decreeDays ?? [];
  days.forEach((day, index) => {
    if (!isDecreeDay(day)) {
      throw new CalendarFileError('calendars/decree-days.yaml', lineOf(doc, lineCounter, ['decreeDays', index]), [
        'each decree day needs a date "YYYY-MM-DD" and a name',
      ]);
    }
  });
  return days;
}

/** anyOf/oneOf explain themselves through their branches; keep the most specific messages. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const deepest = Math.max(...errors.map((e) => e.instancePath.length));
  const specific = errors.filter(
    (e) => e.instancePath.length === deepest && !['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword),
  );
  return specific.length > 0 ? specific : errors;
}

function describeSchemaError(error: ErrorObject): string {
  const at = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') return `${at}: unknown key "${error.params.additionalProperty}"`;
  if (error.keyword === 'enum') return `${at}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return `${at}: ${error.message}`;
}

function pointerToPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** The line of the deepest node on `path` that exists in the document. */
function lineOf(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      if (yaml().isMap(node) || yaml().isSeq(node) || 'value' in node) return lineCounter.linePos(node.range[0]).line;
    }
  }
  return 1;
}
