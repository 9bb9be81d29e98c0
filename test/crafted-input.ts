import { expect } from 'vitest';

/** Length of the crafted inputs: linear code takes milliseconds on it, a cubic pattern hours. */
export const CRAFTED_LENGTH = 50_000;
/** Generous: linear code takes milliseconds; a quadratic pattern on 50,000 characters already takes seconds. */
export const CRAFTED_BOUND_MS = 1000;

/** Repeats of the runs that make backtracking patterns explode, each CRAFTED_LENGTH long, with and without a tail that makes a match fail. */
export function craftedInputs(prefix = '', units: string[] = DEFAULT_UNITS): string[] {
  const inputs: string[] = [];
  for (const unit of units) {
    const body = unit.repeat(Math.ceil(CRAFTED_LENGTH / unit.length));
    for (const tail of ['', '!', ' ', '@', '<', '>'])
      inputs.push((prefix + body).slice(0, CRAFTED_LENGTH - tail.length) + tail);
  }
  return inputs;
}

const DEFAULT_UNITS = [
  '%40',
  '%2540',
  '@',
  'a',
  'a.',
  'a@',
  'a@b.',
  'a%40b.',
  '.a',
  ' ',
  '\t',
  'a ',
  '<',
  '< ',
  '/feeds/',
  '/unsubscribe/',
  'xn--',
  '-',
  '=',
  'A1',
];

/** Runs `fn` on every input and fails with the slowest input's shape when one takes longer than the bound. */
export function expectLinear(fn: (input: string) => unknown, inputs: string[]): void {
  for (const input of inputs) {
    const started = performance.now();
    fn(input);
    const ms = performance.now() - started;
    expect(
      ms,
      `${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 40))}… (${input.length} characters)`,
    ).toBeLessThan(CRAFTED_BOUND_MS);
  }
}
