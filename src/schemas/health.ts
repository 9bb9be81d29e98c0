import { Type } from '@sinclair/typebox';

export const HealthSchema = Type.Object(
  { status: Type.Literal('ok') },
  { description: 'The process is up.', examples: [{ status: 'ok' }] },
);

export const ReadySchema = Type.Object(
  {
    status: Type.Literal('ready'),
    calendars: Type.Integer({ description: 'Number of calendars loaded.' }),
    migration: Type.Integer({ description: 'Database schema version.' }),
  },
  {
    description: 'The database answers and the calendars are loaded.',
    examples: [{ status: 'ready', calendars: 2, migration: 2 }],
  },
);
