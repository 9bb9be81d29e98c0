import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { LegalRules } from '../domain/statutory.js';
import type { CalendarFile } from '../domain/types.js';
import { yaml } from './parse-cache.js';

/** calendars/legal.yaml, validated against legal.schema.json beside it: a bad rule file stops the start. */
export function loadLegalRules(dir: string): LegalRules {
  const schema = JSON.parse(readFileSync(join(dir, 'legal.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const data = yaml().parse(readFileSync(join(dir, 'legal.yaml'), 'utf8')) as unknown;
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
    throw new Error(`calendars/legal.yaml: ${problems.join('; ')}`);
  }
  const rules = data as LegalRules;
  const ids = new Set<string>();
  for (const rule of rules.rules) {
    if (ids.has(rule.id)) throw new Error(`calendars/legal.yaml: two rules named ${rule.id}`);
    ids.add(rule.id);
  }
  return rules;
}

/** Every calendar line marked `statutory` names a rule of the rule file (a misspelt id would show the act twice). */
export function checkStatutoryLines(files: readonly CalendarFile[], legal: LegalRules): void {
  const ids = new Set(legal.rules.map((rule) => rule.id));
  for (const file of files) {
    const lines = [...file.milestones, ...(file.chains ?? []).flatMap((chain) => chain.steps)];
    for (const line of lines) {
      if (line.statutory !== undefined && !ids.has(line.statutory))
        throw new Error(
          `calendars/${file.insurer}/${file.year}: line ${line.id} names no rule of legal.yaml: "${line.statutory}"`,
        );
    }
  }
}
