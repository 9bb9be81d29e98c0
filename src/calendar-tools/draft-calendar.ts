import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { todayInAmsterdam } from '../clock.js';
import { draftCalendarYaml, draftCandidates } from '../calendar/draft.js';

// npm run calendars:draft -- <source.txt> --insurer <id> --year <year> [--out <file>] [--force] [--bullet e]... [--repair véér=vóór]...
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    insurer: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    bullet: { type: 'string', multiple: true },
    repair: { type: 'string', multiple: true },
  },
});
const year = Number(values.year);
if (
  positionals.length !== 1 ||
  !values.insurer ||
  !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.insurer) ||
  !Number.isInteger(year) ||
  year < 2020 ||
  year > 2100
) {
  console.error('usage: npm run calendars:draft -- <source.txt> --insurer <id> --year <year> [--out <file>] [--force]');
  process.exit(2);
}
const sourcePath = positionals[0];
const raw = readFileSync(sourcePath, 'utf8');
const bullets = values.bullet ?? [];
const repairs = (values.repair ?? []).map((repair) => {
  const at = repair.indexOf('=');
  if (at < 1) {
    console.error(`--repair takes read=as, e.g. véér=vóór; got "${repair}"`);
    process.exit(2);
  }
  return { read: repair.slice(0, at), as: repair.slice(at + 1) };
});
const candidates = draftCandidates(raw, { year, repairs, bullets });
const out = values.out ?? join(dirname(sourcePath), `${year}-geboortezorg.draft.yaml`);
if (existsSync(out) && !values.force) {
  console.error(`${out} exists; pass --force to overwrite it`);
  process.exit(1);
}
writeFileSync(
  out,
  draftCalendarYaml(candidates, {
    insurer: values.insurer,
    year,
    sourceFile: basename(sourcePath),
    repairs,
    bullets,
    today: todayInAmsterdam(),
  }),
);
const read = candidates.filter((candidate) => candidate.rule !== null).length;
console.log(
  `${out}: ${candidates.length} candidate lines, ${read} with a rule read from the wording; every TODO needs a person`,
);
