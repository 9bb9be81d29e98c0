import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;

/** The yaml parser, required on first use: with the texts parsed at build time the service starts without it. */
export function yaml(): Yaml {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml);
}

/** The data of a YAML text, as the loaders read it (a document's plain JavaScript value). */
export function yamlData(text: string): unknown {
  return yaml().parseDocument(text, { prettyErrors: false }).toJS() as unknown;
}

/** Written by `npm run build` beside the compiled code: dist/calendars.parsed.json. */
const CACHE_FILE = new URL('../calendars.parsed.json', import.meta.url);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const caches = new Map<string, Map<string, unknown>>();

/**
 * The data of a YAML text in calendars/ as the build parsed it, found by the text's SHA-256; undefined for any other
 * text (an edited file, or no build). Only the parse is saved: callers validate the data as they would a fresh parse.
 */
export function parsedAtBuild(text: string, file: URL | string = CACHE_FILE): unknown {
  let cache = caches.get(String(file));
  if (!cache) {
    cache = existsSync(file)
      ? new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>))
      : new Map();
    caches.set(String(file), cache);
  }
  const data = cache.get(sha256(text));
  // A copy: two loads of the same text must not share objects.
  return data === undefined ? undefined : structuredClone(data);
}

/** Build step: every YAML text under `dir` that parses, with data that survives JSON unchanged, by its SHA-256. */
export function writeParseCache(dir: string, file: URL | string = CACHE_FILE): number {
  const entries: Record<string, unknown> = {};
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.ya?ml$/.test(entry)) {
        const text = readFileSync(path, 'utf8');
        const doc = yaml().parseDocument(text, { prettyErrors: false });
        if (doc.errors.length > 0) continue;
        const data = doc.toJS() as unknown;
        if (isJsonValue(data)) entries[sha256(text)] = data;
      }
    }
  };
  visit(dir);
  writeFileSync(file, JSON.stringify(entries));
  return Object.keys(entries).length;
}

/** Plain objects, arrays, strings, finite numbers, booleans and null only: what JSON gives back as it was. */
function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value).every(isJsonValue);
  return false;
}
