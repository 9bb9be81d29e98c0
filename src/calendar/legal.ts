import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { LegalRules } from '../domain/statutory.js';
import type { RegisteredInsurer } from '../domain/insurers.js';
import type { CalendarFile } from '../domain/types.js';
import { yaml } from './parse-cache.js';

/** `<name>.yaml` of `dir`, validated against `<name>.schema.json` beside it: a bad file stops the start. */
function validatedYaml(dir: string, name: string): unknown {
  const schema = JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const data = yaml().parse(readFileSync(join(dir, `${name}.yaml`), 'utf8')) as unknown;
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
    throw new Error(`calendars/${name}.yaml: ${problems.join('; ')}`);
  }
  return data;
}

/** calendars/insurers.yaml: the registry; an insurer with a calendar folder must be in it under the same id. */
export function loadInsurerRegistry(dir: string, files: readonly CalendarFile[]): RegisteredInsurer[] {
  const { insurers } = validatedYaml(dir, 'insurers') as { insurers: RegisteredInsurer[] };
  const ids = new Set(insurers.map((entry) => entry.id));
  if (ids.size !== insurers.length) throw new Error('calendars/insurers.yaml: an id is listed twice');
  for (const file of files) {
    if (!ids.has(file.insurer))
      throw new Error(`calendars/insurers.yaml: no entry for "${file.insurer}", which has a calendar`);
  }
  return insurers;
}

/** calendars/legal.yaml, validated against legal.schema.json beside it: a bad rule file stops the start. */
export function loadLegalRules(dir: string): LegalRules {
  const rules = validatedYaml(dir, 'legal') as LegalRules;
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
