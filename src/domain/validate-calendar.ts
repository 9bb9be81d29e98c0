import { isValidPlainDate, endOf, startOf } from './plain-date.js';
import { fixedDates, ruleRef } from './rules.js';
import { ownEntry } from './own.js';
import type { AppliesTo, CalendarFile, DateRule } from './types.js';

/** A problem in a calendar file, at a path into the document (`milestones/3/rule`). */
export interface CalendarProblem {
  path: (string | number)[];
  message: string;
}

/**
 * What the JSON Schema cannot say: ids unique, references resolve, real dates,
 * one trigger per chain, attributes declared.
 */
export function checkCalendar(file: CalendarFile): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const report = (path: (string | number)[], message: string): void => {
    problems.push({ path, message });
  };

  const topIds = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]): void => {
    if (topIds.has(id)) report([...path, 'id'], `id "${id}" is already used at ${topIds.get(id)}`);
    else topIds.set(id, path.join('/'));
  };
  file.milestones.forEach((milestone, index) => claim(milestone.id, ['milestones', index]));
  (file.chains ?? []).forEach((chain, index) => claim(chain.id, ['chains', index]));

  const milestoneIds = new Set(file.milestones.map((milestone) => milestone.id));

  file.milestones.forEach((milestone, index) => {
    const path = ['milestones', index];
    checkRule(milestone.rule, [...path, 'rule'], report);
    checkAppliesTo(milestone.appliesTo, [...path, 'appliesTo'], file, report);
    const ref = ruleRef(milestone.rule);
    if (ref !== undefined && !milestoneIds.has(ref)) report([...path, 'rule'], `refers to unknown milestone "${ref}"`);
    if (ref === milestone.id) report([...path, 'rule'], 'refers to itself');
  });

  (file.chains ?? []).forEach((chain, chainIndex) => {
    const path = ['chains', chainIndex];
    checkAppliesTo(chain.appliesTo, [...path, 'appliesTo'], file, report);
    const earlier = new Set<string>();
    chain.steps.forEach((step, stepIndex) => {
      const stepPath = [...path, 'steps', stepIndex];
      if (earlier.has(step.id)) report([...stepPath, 'id'], `step id "${step.id}" is used twice in chain "${chain.id}"`);
      checkRule(step.rule, [...stepPath, 'rule'], report);
      const isTrigger = step.trigger === true;
      if (isTrigger && stepIndex !== 0) report([...stepPath, 'trigger'], 'only the first step of a chain can be its trigger');
      if (stepIndex === 0 && !isTrigger) report(stepPath, `chain "${chain.id}" must start with its trigger step (trigger: true)`);
      if (isTrigger && fixedDates(step.rule) === null) report([...stepPath, 'rule'], 'a trigger needs a fixed rule (a date or a window)');
      const ref = ruleRef(step.rule);
      if (ref !== undefined && !earlier.has(ref) && !milestoneIds.has(ref)) {
        report([...stepPath, 'rule'], `refers to "${ref}", which is neither an earlier step of "${chain.id}" nor a milestone`);
      }
      earlier.add(step.id);
    });
  });

  (file.terms ?? []).forEach((term, index) => {
    if (term.kinds.length === 0) report(['terms', index, 'kinds'], 'names no kind');
  });
  return problems;
}

function checkRule(rule: DateRule, path: (string | number)[], report: (path: (string | number)[], message: string) => void): void {
  for (const key of ['onOrBefore', 'before'] as const) {
    const value = rule[key];
    if (value !== undefined && !isValidPlainDate(value)) report([...path, key], `"${value}" is not a calendar date`);
  }
  if (rule.window) {
    const { from, to } = rule.window;
    for (const [key, value] of [['from', from], ['to', to]] as const) {
      if (!isValidPlainDate(startOf(value))) report([...path, 'window', key], `"${value}" is not a calendar date or month`);
    }
    if (isValidPlainDate(startOf(from)) && isValidPlainDate(startOf(to)) && startOf(from) > endOf(to)) {
      report([...path, 'window'], `window opens (${from}) after it closes (${to})`);
    }
  }
}

function checkAppliesTo(
  rule: AppliesTo,
  path: (string | number)[],
  file: CalendarFile,
  report: (path: (string | number)[], message: string) => void,
): void {
  for (const [name, values] of Object.entries(rule.attributes ?? {})) {
    const declared = ownEntry(file.attributes, name);
    if (!declared) {
      report([...path, 'attributes', name], `attribute "${name}" is not declared under the file's attributes`);
      continue;
    }
    for (const value of values) {
      if (!declared.values.includes(value)) report([...path, 'attributes', name], `"${value}" is not one of ${declared.values.join(', ')}`);
    }
  }
}
