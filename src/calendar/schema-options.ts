/** Ajv options of the calendar schema's validator, the same whether compiled ahead of time or at run time. */
export const CALENDAR_SCHEMA_AJV_OPTIONS = { allErrors: true, strict: false } as const;
