import type { FastifyInstance, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { invalidInput } from '../../problems.js';

interface SchemaNode {
  type?: unknown;
  maxItems?: unknown;
  items?: unknown;
  properties?: Record<string, unknown>;
}

/**
 * The first array of `data` longer than its schema's `maxItems`, as a field path. Walks the body only where the
 * schema names a property or array items (not into `$ref`s or `anyOf`s: ajv checks those), and not into an array
 * that is too long.
 */
export function tooLongArray(
  schema: unknown,
  data: unknown,
  path = '',
): { field: string; maxItems: number } | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const node = schema as SchemaNode;
  if (Array.isArray(data)) {
    if (typeof node.maxItems === 'number' && data.length > node.maxItems)
      return { field: path || 'body', maxItems: node.maxItems };
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) {
      for (let i = 0; i < data.length; i++) {
        const found = tooLongArray(node.items, data[i], `${path}[${i}]`);
        if (found) return found;
      }
    }
    return undefined;
  }
  if (data !== null && typeof data === 'object' && node.properties) {
    for (const [key, property] of Object.entries(node.properties)) {
      if (!Object.hasOwn(data, key)) continue;
      const found = tooLongArray(property, (data as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A body array longer than its `maxItems` is refused on its length, before ajv validates every item: with
 * `allErrors` ajv checks `items` even after `maxItems` failed, and 12,000 bad items took tens of milliseconds of
 * event loop and listed 12,000 errors. A preValidation hook on each route with a body schema that has a `maxItems`.
 */
async function arrayLimits(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRoute', (route) => {
    const body = route.schema?.body;
    if (!body || !JSON.stringify(body).includes('"maxItems"')) return;
    const check: preValidationAsyncHookHandler = async (request) => {
      const found = tooLongArray(body, request.body);
      if (found)
        throw invalidInput([
          { field: found.field, in: 'body', message: `must NOT have more than ${found.maxItems} items` },
        ]);
    };
    const existing = route.preValidation;
    route.preValidation = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
  });
}

export default fp(arrayLimits, { name: 'array-limits' });
