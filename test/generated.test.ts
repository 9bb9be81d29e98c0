import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedModules } from '../scripts/generated.js';

describe('generated modules', () => {
  // The calendar schema's validator and the holiday table are written by `npm run generate`; a schema change or a
  // date-holidays upgrade without it fails here.
  it.each(generatedModules().map((module) => [module.path, module.text]))(
    '%s is what npm run generate writes now',
    (path, text) => {
      expect(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')).toBe(text);
    },
  );
});
