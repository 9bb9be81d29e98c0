import { Type } from '@sinclair/typebox';

/** The `cursor` query parameter of every paged list (src/routes/paging.ts makes and reads it). */
export const CursorQuery = Type.Optional(
  Type.String({
    maxLength: 400,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'From the previous page’s `next` (or its `Link: rel="next"`): the page after it. Opaque.',
  }),
);

/** The `next` member of every paged list. */
export const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'The cursor of the next page (also in `Link: <…>; rel="next"`); null on the last page.',
});

/** The `Link` header of a paged list's answer (RFC 8288). */
export const LINK_HEADER = {
  link: {
    type: 'string',
    description: 'RFC 8288 `<…>; rel="next"`: the address of the next page, while there is one.',
  },
};

/** The query of a list that takes no filter but its page: `limit` and `cursor`. */
export const PageQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Items per page.' })),
    cursor: CursorQuery,
  },
  { additionalProperties: false },
);
