import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, csrfOf, signUp, SITUATION, type FormClient } from './form-client.js';
import { mailsTo, startWorld, type World } from './world.js';

/**
 * Every web form's body is validated by its schema (src/schemas/web-forms.ts) as the API's bodies are: a missing
 * field, a field sent twice (an array, not one text) or an extra-long value gets the page's own 400 page, in the
 * page's language, before the handler runs, so nothing changes.
 */
let world: World;
let c: FormClient;
let own: string;

beforeAll(async () => {
  world = await startWorld();
  c = client(world.base);
  await signUp(c, 'anna@praktijk.nl');
  const confirm = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'anna@praktijk.nl', 1))[0].mail.text ?? '')![0];
  own = (await c.post(confirm, { _csrf: csrfOf((await c.get(confirm)).body) })).location!;
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

/** Every row of every table: what a refused form must leave as it was. */
function databaseState(): string {
  const tables = world.app.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return JSON.stringify(tables.map((table) => [table, world.app.db.prepare(`SELECT * FROM "${table}"`).all()]));
}

const LONG = 'x'.repeat(10_000);

/** Forms whose fields may be empty in the body: the page itself says what a missing one needs. */
const OWN_WORDS = new Set(['sign-up', 'record a step', 'her own date', 'her settings']);

/** Each form with a body it takes (besides its CSRF token) and the field a malformed body gets wrong. */
const FORMS: { name: string; path: () => string; page: () => string; body: Record<string, string>; field: string }[] = [
  {
    name: 'new link',
    path: () => '/nieuwe-link',
    page: () => '/nieuwe-link',
    body: { email: 'a@b.nl' },
    field: 'email',
  },
  {
    name: 'sign-up',
    path: () => '/aanmelden',
    page: () => `/situatie?${SITUATION}`,
    body: { situation: SITUATION, email: 'b@c.nl', name: 'Bea', practice: 'Zuid', agb: '', language: 'nl' },
    field: 'name',
  },
  { name: 'her address', path: () => `${own}/e-mailadres`, page: () => own, body: { email: 'c@d.nl' }, field: 'email' },
  {
    name: 'record a step',
    path: () => `${own}/vastleggen`,
    page: () => own,
    body: { item: 'x', date: '2026-09-01' },
    field: 'date',
  },
  { name: 'undo a step', path: () => `${own}/ongedaan`, page: () => own, body: { event: 'x' }, field: 'event' },
  { name: 'new calendar address', path: () => `${own}/agenda-adres`, page: () => own, body: {}, field: 'extra' },
  { name: 'delete everything', path: () => `${own}/verwijderen`, page: () => own, body: {}, field: 'extra' },
  {
    name: 'her own date',
    path: () => `${own}/eigen-datum`,
    page: () => own,
    body: { title: 'Overleg', due: '2026-10-01' },
    field: 'title',
  },
  {
    name: 'remove her own date',
    path: () => `${own}/eigen-datum/verwijderen`,
    page: () => own,
    body: { item: 'own/x' },
    field: 'item',
  },
  {
    name: 'correct a date',
    path: () => `${own}/correctie`,
    page: () => own,
    body: { item: 'x', due: '2026-10-01' },
    field: 'item',
  },
  {
    name: 'undo a correction',
    path: () => `${own}/correctie/ongedaan`,
    page: () => own,
    body: { correction: 'x' },
    field: 'correction',
  },
  {
    name: 'her settings',
    path: () => `${own}/gegevens`,
    page: () => `${own}/gegevens`,
    body: { practice: 'Noord' },
    field: 'practice',
  },
];

/** The body with one malformation, as a form post would carry it. */
function malformed(form: (typeof FORMS)[number], how: 'missing' | 'twice' | 'long', csrf: string): string {
  const fields = new URLSearchParams({ _csrf: csrf, ...form.body });
  if (form.field === 'extra') {
    // A form that is only a button: any field is one it does not have, and repeated or long it is refused too.
    fields.append('extra', how === 'long' ? LONG : 'x');
    if (how === 'twice') fields.append('_csrf', csrf);
  } else if (how === 'missing') fields.delete(form.field);
  else if (how === 'twice') fields.append(form.field, form.body[form.field] ?? 'x');
  else fields.set(form.field, LONG);
  return fields.toString();
}

describe('a web form with a malformed body', () => {
  const cases = FORMS.flatMap((form) =>
    (['missing', 'twice', 'long'] as const).map((how) => [form.name, how, form] as const),
  );

  it.each(cases)('%s, a field %s: the clear 400 page, nothing changed', async (_name, how, form) => {
    const csrf = csrfOf((await c.get(form.page())).body);
    const before = databaseState();
    const refused = await c.postRaw(form.path(), malformed(form, how, csrf));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/^<!doctype html>/);
    if (how === 'missing' && OWN_WORDS.has(form.name))
      // A field the form may leave empty is named by the form's own error summary, next to the field.
      expect(refused.body).toContain('<h2 id="error-summary-title">Er is een probleem</h2>');
    else {
      expect(refused.body).toContain('<h1>Dit formulier kunnen we niet lezen</h1>');
      expect(refused.body).toContain('Er is niets opgeslagen.');
    }
    expect(databaseState()).toBe(before);
  });

  it("answers in the page's language", async () => {
    const csrf = csrfOf((await c.get('/nieuwe-link')).body);
    const refused = await c.postRaw('/nieuwe-link?lang=en', `_csrf=${csrf}&email=${LONG}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<html lang="en"');
    expect(refused.body).toContain('<h1>We cannot read this form</h1>');
  });

  it('takes the well-formed body as before', async () => {
    const csrf = csrfOf((await c.get('/nieuwe-link')).body);
    expect((await c.post('/nieuwe-link', { _csrf: csrf, email: 'anna@praktijk.nl' })).status).toBe(200);
  });

  it("refuses a malformed body on a mail's link (confirm, sign in) and leaves the link usable", async () => {
    const bo = client(world.base);
    await signUp(bo, 'bo@praktijk.nl');
    const confirm = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'bo@praktijk.nl', 1))[0].mail.text ?? '')![0];
    const csrf = csrfOf((await bo.get(confirm)).body);
    const before = databaseState();
    const refused = await bo.postRaw(confirm, `_csrf=${csrf}&confirm=${LONG}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h1>Dit formulier kunnen we niet lezen</h1>');
    expect(databaseState()).toBe(before);
    expect((await bo.post(confirm, { _csrf: csrf })).location).toMatch(/^\/mijn\//);

    const mails = await mailsTo(world.smtp, 'anna@praktijk.nl', 3);
    const signIn = /\/inloggen\/[\w-]+/.exec(mails.at(-1)!.mail.text ?? '')![0];
    const csrfIn = csrfOf((await c.get(signIn)).body);
    const twice = await c.postRaw(signIn, `_csrf=${csrfIn}&_csrf=${csrfIn}`);
    expect(twice.status).toBe(400);
    expect((await c.post(signIn, { _csrf: csrfIn })).location).toMatch(/^\/mijn\//);
  });
});
