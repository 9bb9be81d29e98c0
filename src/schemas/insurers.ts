import { Type } from '@sinclair/typebox';

const CalendarStateSchema = Type.Union(
  [
    Type.Object({ state: Type.Literal('encoded'), version: Type.Integer({ minimum: 1 }) }),
    Type.Object({ state: Type.Literal('not-encoded') }),
  ],
  {
    description:
      "`encoded`: the insurer's document is encoded (its calendar's version); `not-encoded`: no document here, so the year's dates are the law's (statutory items) and her own.",
  },
);

export const InsurerSchema = Type.Object({
  id: Type.String({ description: 'Use it in contracts.', examples: ['vgz'] }),
  name: Type.String({ examples: ['VGZ'] }),
  labels: Type.Array(Type.String(), {
    description: 'Brands the group sells its policies under, where a source confirms them.',
  }),
  source: Type.String({ description: 'The public page the entry was read from.' }),
  years: Type.Array(
    Type.Object({ year: Type.Integer({ description: 'Contract year.' }), calendar: CalendarStateSchema }),
    {
      description:
        'Per contract year known (the encoded years, the current and the next contract year), the state of its calendar.',
    },
  ),
});

export const InsurerListSchema = Type.Object({ items: Type.Array(InsurerSchema) });
