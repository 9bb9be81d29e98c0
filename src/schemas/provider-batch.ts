import { Type } from '@sinclair/typebox';
import { ProblemSchema } from './common.js';
import { ProviderSchema } from './providers.js';

/** Rows in one batch: a practice-software vendor's whole register in a few calls, each row its own transaction. */
export const MAX_BATCH_PROVIDERS = 500;

export const ProviderBatchSchema = Type.Object(
  {
    providers: Type.Array(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'A provider as `POST /api/v1/providers` takes it; checked row by row.',
        },
      ),
      { minItems: 1, maxItems: MAX_BATCH_PROVIDERS, description: `At most ${MAX_BATCH_PROVIDERS} providers.` },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        providers: [
          {
            name: 'Verloskundigenpraktijk Noord',
            agb: '01234567',
            kinds: ['verloskunde'],
            contracts: [{ insurer: 'cz-groep', year: 2027, status: 'new' }],
            contacts: [{ email: 'planning@verloskundigen-noord.nl', name: 'Anna de Vries' }],
          },
        ],
      },
    ],
  },
);

export const ProviderBatchResultSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        index: Type.Integer({ minimum: 0, description: 'The row of the request this answers.' }),
        result: Type.Unsafe<'created' | 'updated' | 'problem'>({
          type: 'string',
          enum: ['created', 'updated', 'problem'],
          description:
            '`created`: a new provider; `updated`: this key had a provider with this AGB code, now as the row says; `problem`: nothing changed for this row, see `problem`.',
        }),
        provider: Type.Optional(Type.Ref(ProviderSchema, { description: 'The provider as it now is.' })),
        problem: Type.Optional(
          Type.Ref(ProblemSchema, { description: 'What `POST /api/v1/providers` would have answered for the row.' }),
        ),
      }),
      { description: 'One per row, in the order of the request.' },
    ),
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    problems: Type.Integer({ minimum: 0 }),
  },
  { description: 'Each row answered on its own.' },
);
