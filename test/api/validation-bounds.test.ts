import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tooLongArray } from '../../src/plugins/app/array-limits.js';
import { ADMIN_KEY, bearer, buildTestApp, removeTempDir, tempDir, validProvider, type TestApp } from '../helper.js';

/**
 * Bad bodies cost little and answer little: an array longer than its maxItems is refused on its length (before ajv
 * checks each item), and a problem lists each invalid field once, at most 20, with a count of the rest.
 */
let dir: string;
let app: TestApp;
beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/bounds.db`);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const post = (payload: unknown) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: { ...bearer(ADMIN_KEY), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });

describe('validation answers are bounded', () => {
  it('refuses a 12,000-item array on its length alone, with one error and a small answer', async () => {
    for (const [field, item, max] of [
      ['kinds', 'x', 7],
      ['reminderDays', 'x', 20],
      ['contracts', 1, 50],
    ] as const) {
      const response = await post({ ...validProvider, [field]: Array(12_000).fill(item) });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem.errors).toEqual([{ field, in: 'body', message: `must NOT have more than ${max} items` }]);
      expect(problem.errorsOmitted).toBeUndefined();
      expect(response.body.length).toBeLessThan(1024);
    }
  });

  it('lists at most 20 invalid fields, each once, and counts the rest in errorsOmitted', async () => {
    const contracts = Array.from({ length: 50 }, () => ({ insurer: 1, year: 'x', status: 'nope', extra: true }));
    const response = await post({ ...validProvider, contracts });
    expect(response.statusCode).toBe(400);
    const problem = response.json() as {
      detail: string;
      errors: { field: string; message: string }[];
      errorsOmitted: number;
    };
    expect(problem.errors).toHaveLength(20);
    expect(problem.errorsOmitted).toBeGreaterThan(50);
    const keys = problem.errors.map((e) => `${e.field} ${e.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(problem.detail).toMatch(
      new RegExp(
        `^contracts\\[0\\]\\.\\S+: .+; and ${19 + problem.errorsOmitted} more invalid fields \\(see errors\\)$`,
      ),
    );
    expect(response.body.length).toBeLessThan(8 * 1024);
  });

  it('names a too-long nested array by its path', () => {
    const schema = {
      type: 'object',
      properties: { list: { type: 'array', items: { type: 'object', properties: { tags: { maxItems: 2 } } } } },
    };
    expect(tooLongArray(schema, { list: [{ tags: [1] }, { tags: [1, 2, 3] }] })).toEqual({
      field: 'list[1].tags',
      maxItems: 2,
    });
    expect(tooLongArray(schema, { list: [{ tags: [1, 2] }] })).toBeUndefined();
  });
});
