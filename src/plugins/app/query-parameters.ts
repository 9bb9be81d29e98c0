import type { FastifyRequest } from 'fastify';
import { invalidInput, type FieldError } from '../../problems.js';

interface QuerySchema {
  properties?: Record<string, { type?: unknown }>;
}

/**
 * The query an /api route receives is the one it declares. A parameter it does not declare is refused with a 400
 * naming it: silently ignored, `timeline?status=overdue` answered everything and the client thought it had filtered.
 * And a parameter declared an integer is whole decimal digits (an optional minus): Ajv's coercion reads `1e309` and
 * `Infinity` as Infinity, which passes its integer and range checks and reached SQLite (a 500), and `1e2` or `0x10`
 * as numbers nobody wrote.
 */
export async function queryAsDeclared(request: FastifyRequest): Promise<void> {
  if (typeof request.query !== 'object' || request.query === null) return;
  const properties = (request.routeOptions.schema?.querystring as QuerySchema | undefined)?.properties ?? {};
  const errors: FieldError[] = [];
  let unknown = false;
  for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (!Object.hasOwn(properties, name)) {
      unknown = true;
      const known = Object.keys(properties);
      errors.push({
        field: name,
        in: 'querystring',
        message:
          known.length === 0
            ? 'is not a parameter of this operation (it takes none)'
            : `is not a parameter of this operation (it takes ${known.join(', ')})`,
      });
      continue;
    }
    if (properties[name]?.type !== 'integer') continue;
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text === 'string' && !/^-?\d{1,15}$/.test(text)) {
        errors.push({ field: name, in: 'querystring', message: 'must be a whole number written in digits, e.g. 20' });
        break;
      }
    }
  }
  if (errors.length > 0) throw invalidInput(errors, unknown ? 'unknown-query-parameter' : 'validation-failed');
}
