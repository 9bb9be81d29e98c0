import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, TimestampSchema, nullable } from './common.js';
import { CursorQuery, NextCursor } from './paging.js';

export const CreateApiKeySchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Who holds the key (practice software vendor, practice).',
      examples: ['Praktijksoftware BV'],
    }),
    admin: Type.Optional(
      Type.Boolean({ default: false, description: 'An admin key manages keys and sees every provider.' }),
    ),
  },
  { additionalProperties: false, examples: [{ name: 'Praktijksoftware BV' }] },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeySchema>;

const apiKeyFields = {
  id: IdSchema,
  name: Type.String({ examples: ['Praktijksoftware BV'] }),
  admin: Type.Boolean(),
  createdAt: TimestampSchema,
};

export const ApiKeySchema = Type.Object(
  { ...apiKeyFields, revokedAt: nullable(TimestampSchema) },
  {
    $id: 'ApiKey',
    title: 'ApiKey',
    description: 'An API key (a tenant); the key itself is never shown again after creation.',
  },
);

export const CreatedApiKeySchema = Type.Object(
  {
    ...apiKeyFields,
    key: Type.String({
      description: 'The key: shown only now. Send it as `Authorization: Bearer <key>`.',
      examples: ['gzd_Wm9yZ2VuIGlzIGVlbiBtb29pZSBkYWcgdm9vciBlZW4ga2V5'],
    }),
  },
  {
    description: 'The new key; store `key` now, it cannot be shown again.',
    examples: [
      {
        id: '16fd2706-8baf-433b-82eb-8c7fada847da',
        name: 'Praktijksoftware BV',
        admin: false,
        createdAt: '2026-05-01T09:30:00.000Z',
        key: 'gzd_Wm9yZ2VuIGlzIGVlbiBtb29pZSBkYWcgdm9vciBlZW4ga2V5',
      },
    ],
  },
);

export const ApiKeyListSchema = Type.Object({
  items: Type.Array(Type.Ref(ApiKeySchema), { description: 'Every key, revoked ones too, oldest first.' }),
  next: NextCursor,
});

export const ApiKeyListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Keys per page.' })),
    cursor: CursorQuery,
  },
  { additionalProperties: false },
);

export const RevokeApiKeyQuerySchema = Type.Object(
  {
    rotateFeeds: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          "Also give every provider this key registered a new feed and page address, so whoever held the key (and may have kept the addresses) can no longer read them. The practices then need their new address (the provider's `feedUrl`); without it (the default) their calendar subscriptions keep working.",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ApiKeyParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'API key id.' }),
});
