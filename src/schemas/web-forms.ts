import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';

/**
 * The bodies of the web front door's forms, validated by Fastify as the API's are: a field sent twice (an array),
 * a value longer than any form asks for or a field the form does not have is refused with the page's own 400 page
 * (src/web/plugin.ts), before the handler runs, so nothing changes. Each text field is one value in a form post.
 */
const line = (maxLength: number) => Type.String({ maxLength });

/** A value whose field the form builds from the calendars (`kind`, `c:<insurer>:<year>`, `a:…`): one or a few. */
const chosen = Type.Union([line(200), Type.Array(line(200), { maxItems: 50 })]);

/** Every form carries its CSRF token; the csrf plugin checks it after the body's shape. */
function form<P extends TProperties>(properties: P, additionalProperties: TSchema | false = false) {
  return Type.Object({ _csrf: Type.Optional(line(512)), ...properties }, { additionalProperties });
}

const EMAIL = 320;
const DATE = 64;
const NOTE = 2000;

/** A form that is only a button (confirm, delete, a new calendar address). */
export const ButtonFormSchema = form({});
export const NewLinkFormSchema = form({ email: line(EMAIL) });
export const AddressFormSchema = form({ email: line(EMAIL) });
export const UndoFormSchema = form({ event: line(64) });
/** Recording a step: on her own page she chooses the step (`item`), on a mail's record link it is fixed. */
export const RecordFormSchema = form({
  item: Type.Optional(line(300)),
  date: Type.Optional(line(DATE)),
  note: Type.Optional(line(NOTE)),
});
export const OwnDateFormSchema = form({
  title: Type.Optional(line(1000)),
  due: Type.Optional(line(DATE)),
  from: Type.Optional(line(DATE)),
  time: Type.Optional(line(DATE)),
  note: Type.Optional(line(NOTE)),
  insurer: Type.Optional(line(200)),
  insurerOther: Type.Optional(line(1000)),
});
export const OwnDateRemovalFormSchema = form({ item: line(300) });
export const CorrectionFormSchema = form({
  item: line(300),
  due: Type.Optional(line(DATE)),
  reason: Type.Optional(line(NOTE)),
});
export const CorrectionRemovalFormSchema = form({ correction: line(300) });
export const SignupFormSchema = form({
  email: Type.Optional(line(EMAIL)),
  name: Type.Optional(line(1000)),
  practice: Type.Optional(line(1000)),
  agb: Type.Optional(line(100)),
  language: Type.Optional(line(10)),
  situation: Type.Optional(line(8000)),
});
export const SettingsFormSchema = form(
  {
    reminders: Type.Optional(line(10)),
    name: Type.Optional(line(1000)),
    practice: Type.Optional(line(1000)),
    agb: Type.Optional(line(100)),
    language: Type.Optional(line(10)),
    reminderDays: Type.Optional(line(200)),
    showExpected: Type.Optional(line(10)),
  },
  chosen,
);

export type RecordForm = Static<typeof RecordFormSchema>;
