import { LANGUAGES } from './language.js';
import { isValidPlainDate, endOf, startOf } from './plain-date.js';
import { fixedDates, ruleRef } from './rules.js';
import { ownEntry } from './own-property.js';
import type { AppliesTo, CalendarFile, ChainStep, DateRule, Milestone } from './types.js';

/** A problem in a calendar file, at a path into the document (`milestones/3/rule`). */
export interface CalendarProblem {
  path: (string | number)[];
  message: string;
}

/**
 * What the JSON Schema cannot say: ids unique, references resolve, real dates,
 * one trigger per chain, attributes declared, every attribute value labelled on the form.
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

  const chainSteps = new Map(
    (file.chains ?? []).map((chain) => [chain.id, new Set(chain.steps.map((step) => step.id))]),
  );
  const routeChains = new Map<string, string>();
  (file.alternatives ?? []).forEach((group, index) => {
    group.routes.forEach((route, routeIndex) => {
      const path = ['alternatives', index, 'routes', routeIndex];
      if (!chainSteps.has(route)) report(path, `route "${route}" is not a chain of this file`);
      else if (routeChains.has(route))
        report(path, `chain "${route}" is already a route of alternatives "${routeChains.get(route)}"`);
      else routeChains.set(route, group.id);
      const trigger = file.chains?.find((chain) => chain.id === route)?.steps[0];
      if (trigger && trigger.trigger === true && fixedDates(trigger.rule)?.window === null) {
        report(path, `route "${route}" needs a trigger with a window (its close is when the route passes unused)`);
      }
    });
  });
  for (const [name, declared] of Object.entries(file.attributes ?? {})) {
    for (const language of LANGUAGES) {
      const labels = declared.form?.[language].values;
      if (!labels) continue;
      const path = ['attributes', name, 'form', language, 'values'];
      const values = declared.values.map(String);
      for (const value of values) if (!Object.hasOwn(labels, value)) report(path, `value "${value}" has no label`);
      for (const key of Object.keys(labels))
        if (!values.includes(key)) report(path, `"${key}" is not one of ${values.join(', ')}`);
    }
  }
  if (file.document.published !== undefined && !isValidPlainDate(file.document.published)) {
    report(['document', 'published'], `"${file.document.published}" is not a calendar date`);
  }
  /** Grammar additions every line may carry: cap, route, bindsWhen, and what they refer to. */
  const checkLineLinks = (line: Milestone | ChainStep, path: (string | number)[], chainId: string | null): void => {
    if (line.cap) {
      const inChain = chainId !== null && line.cap.milestone !== true && chainSteps.get(chainId)?.has(line.cap.ref);
      if (!inChain && !milestoneIds.has(line.cap.ref))
        report([...path, 'cap', 'ref'], `cap "${line.cap.ref}" is neither a step of this chain nor a milestone`);
      if (line.cap.ref === line.id && (chainId === null || inChain)) report([...path, 'cap', 'ref'], 'caps itself');
      if (!inChain && milestoneIds.has(line.cap.ref)) {
        const capRule = file.milestones.find((m) => m.id === line.cap!.ref)!.rule;
        if (fixedDates(capRule) === null)
          report([...path, 'cap', 'ref'], `cap "${line.cap.ref}" must have a fixed date`);
      }
    }
    if (line.route !== undefined) {
      if (chainId !== null) report([...path, 'route'], 'a chain step belongs to its own chain already');
      else if (!routeChains.has(line.route))
        report([...path, 'route'], `route "${line.route}" is not a chain named under alternatives`);
    }
    if (line.bindsWhen !== undefined && (!milestoneIds.has(line.bindsWhen) || line.bindsWhen === line.id)) {
      report([...path, 'bindsWhen'], `bindsWhen "${line.bindsWhen}" must name another milestone (the request)`);
    }
  };

  file.milestones.forEach((milestone, index) => {
    const path = ['milestones', index];
    checkLineLinks(milestone, path, null);
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
      if (earlier.has(step.id))
        report([...stepPath, 'id'], `step id "${step.id}" is used twice in chain "${chain.id}"`);
      checkRule(step.rule, [...stepPath, 'rule'], report);
      checkLineLinks(step, stepPath, chain.id);
      const isTrigger = step.trigger === true;
      if (isTrigger && stepIndex !== 0)
        report([...stepPath, 'trigger'], 'only the first step of a chain can be its trigger');
      if (stepIndex === 0 && !isTrigger)
        report(stepPath, `chain "${chain.id}" must start with its trigger step (trigger: true)`);
      if (isTrigger && fixedDates(step.rule) === null)
        report([...stepPath, 'rule'], 'a trigger needs a fixed rule (a date or a window)');
      if (step.recordableFrom !== undefined && !isTrigger)
        report([...stepPath, 'recordableFrom'], 'only a trigger can be recorded from before the document');
      const ref = ruleRef(step.rule);
      if (ref !== undefined && !earlier.has(ref) && !milestoneIds.has(ref)) {
        report(
          [...stepPath, 'rule'],
          `refers to "${ref}", which is neither an earlier step of "${chain.id}" nor a milestone`,
        );
      }
      earlier.add(step.id);
    });
  });

  (file.terms ?? []).forEach((term, index) => {
    if (term.kinds.length === 0) report(['terms', index, 'kinds'], 'names no kind');
  });
  return problems;
}

function checkRule(
  rule: DateRule,
  path: (string | number)[],
  report: (path: (string | number)[], message: string) => void,
): void {
  for (const key of ['onOrBefore', 'before'] as const) {
    const value = rule[key];
    if (value !== undefined && !isValidPlainDate(value)) report([...path, key], `"${value}" is not a calendar date`);
  }
  if (rule.window) {
    const { from, to } = rule.window;
    for (const [key, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!isValidPlainDate(startOf(value)))
        report([...path, 'window', key], `"${value}" is not a calendar date or month`);
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
  for (const kind of rule.except?.kinds ?? []) {
    if (!rule.kinds.includes(kind)) report([...path, 'except', 'kinds'], `"${kind}" is not one of the line's kinds`);
  }
  for (const [name, values] of Object.entries(rule.attributes ?? {})) {
    const declared = ownEntry(file.attributes, name);
    if (!declared) {
      report([...path, 'attributes', name], `attribute "${name}" is not declared under the file's attributes`);
      continue;
    }
    for (const value of values) {
      if (!declared.values.includes(value))
        report([...path, 'attributes', name], `"${value}" is not one of ${declared.values.join(', ')}`);
    }
  }
}
