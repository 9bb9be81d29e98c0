import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeProvider, providerProblems } from '../../operations/providers.js';
import type { CreateProviderBody } from '../../schemas/providers.js';
import type { ProviderRecord } from '../../store/providers.js';
import { AGB_NOT_GIVEN } from '../../store/web.js';
import { SettingsFormSchema } from '../../schemas/web-forms.js';
import { languageOf, sendPage, type WebContext } from '../context.js';
import { situationFormView } from '../home/form.js';
import { parseSituation, type Situation } from '../situation-query.js';
import type { Language } from '../../domain/language.js';
import { wordsFor } from '../words.js';
import { accountOf, sendLinkGone } from './account.js';

interface SettingsValues {
  reminders: boolean;
  name: string;
  practice: string;
  agb: string;
  language: Language;
  reminderDays: string;
  showExpected: boolean;
}

function valuesOf(provider: ProviderRecord, context: WebContext): SettingsValues {
  const contact = provider.contacts[0];
  return {
    reminders: contact ? context.store.remindersOn(provider.id, contact.email) : false,
    name: contact?.name ?? '',
    practice: provider.name,
    agb: provider.agb === AGB_NOT_GIVEN ? '' : provider.agb,
    language: contact?.language ?? 'nl',
    reminderDays: provider.reminderDays.join(', '),
    showExpected: provider.showExpected,
  };
}

/** Where a field of the API's provider shows on her settings form. */
function pageField(field: string): 'name' | 'practice' | 'contracts' {
  if (field === 'name') return 'practice';
  return field.startsWith('contacts') ? 'name' : 'contracts';
}

/** Her situation, name, practice, AGB, language and reminder days; a new address has a page of its own (address.ts). */
export default async function settingsPages(fastify: FastifyInstance, context: WebContext): Promise<void> {
  const render = (
    request: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
    provider: ProviderRecord,
    situation: Situation,
    values: SettingsValues,
    errors?: { field: string; message: string }[],
  ) => {
    const language = languageOf(request, reply, provider.contacts[0]?.language);
    return sendPage(
      request,
      reply,
      'own/settings',
      (t) => t.settingsTitle,
      {
        form: situationFormView(fastify.calendars, language, situation, fastify.today()),
        email: provider.contacts[0]?.email ?? '',
        values,
        action: `/mijn/${request.params.token}/gegevens`,
        backUrl: `/mijn/${request.params.token}`,
        addressUrl: `/mijn/${request.params.token}/e-mailadres`,
      },
      { language, form: true, errors, status: errors ? 400 : 200 },
    );
  };

  fastify.get<{ Params: { token: string } }>('/mijn/:token/gegevens', async (request, reply) => {
    const found = accountOf(fastify, context, request.params.token);
    if (!found) return sendLinkGone(request, reply);
    return render(request, reply, found.provider, found.provider, valuesOf(found.provider, context));
  });

  fastify.post<{ Params: { token: string }; Body: Static<typeof SettingsFormSchema> }>(
    '/mijn/:token/gegevens',
    { schema: { body: SettingsFormSchema }, preHandler: fastify.csrfProtection },
    async (request, reply) => {
      const found = accountOf(fastify, context, request.params.token);
      if (!found) return sendLinkGone(request, reply);
      const { provider } = found;
      const { body } = request;
      const language = languageOf(request, reply, provider.contacts[0]?.language);
      const t = wordsFor(language);
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(body))
        for (const one of [value].flat())
          if (typeof one === 'string' && (key === 'kind' || key.startsWith('c:') || key.startsWith('a:')))
            params.append(key, one);
      const { situation, problems } = parseSituation(params, fastify.calendars);
      const text = (name: keyof typeof body) => body[name]?.trim() ?? '';
      const values: SettingsValues = {
        reminders: body.reminders === 'on',
        name: text('name'),
        practice: text('practice'),
        agb: text('agb').replace(/\s/g, ''),
        language: text('language') === 'en' ? 'en' : 'nl',
        reminderDays: text('reminderDays'),
        showExpected: body.showExpected === 'on',
      };
      const errors = problems.map((problem) => ({
        field:
          problem.field === 'contracts' || problem.field === 'kind' ? problem.field : problem.field.replace(/:/g, '-'),
        message: t.problems[problem.code],
      }));
      const days = values.reminderDays.split(/[,\s]+/).filter((part) => part !== '');
      const changed: CreateProviderBody = {
        name: values.practice,
        agb: values.agb === '' ? AGB_NOT_GIVEN : values.agb,
        kinds: situation.kinds,
        contracts: situation.contracts,
        contacts: provider.contacts.map(({ email, name, language }, index) =>
          index === 0
            ? { email, name: values.name, language: values.language }
            : { email, language, ...(name === null ? {} : { name }) },
        ),
        reminderDays: [...new Set(days.map(Number))].sort((a, b) => b - a),
        showExpected: values.showExpected,
      };
      // Her name and the practice's pass the API's own checks (src/operations/providers.ts), in the page's words.
      const shared = new Set(providerProblems(changed, fastify.calendars).problems.map((p) => pageField(p.field)));
      if (shared.has('name')) errors.push({ field: 'name', message: t.fieldProblems.name });
      if (shared.has('practice')) errors.push({ field: 'practice', message: t.fieldProblems.practice });
      if (shared.has('contracts')) errors.push({ field: 'contracts', message: t.problems['bad-value'] });
      if (values.agb !== '' && !/^\d{8}$/.test(values.agb)) errors.push({ field: 'agb', message: t.fieldProblems.agb });
      if (days.length === 0 || days.length > 10 || !days.every((day) => /^\d{1,3}$/.test(day) && Number(day) <= 365))
        errors.push({ field: 'reminderDays', message: t.fieldProblems.reminderDays });
      if (errors.length > 0)
        return render(request, reply, provider, situation, values, [
          ...new Map(errors.map((e) => [e.field, e])).values(),
        ]);
      const result = changeProvider(fastify.store.providers, fastify.calendars, provider, changed);
      if ('problems' in result) throw new Error('settings: the checked change was refused'); // the same checks just passed
      if (provider.contacts[0]) context.store.setReminders(provider.id, provider.contacts[0].email, values.reminders);
      return reply.redirect(`/mijn/${request.params.token}?opgeslagen=1&lang=${values.language}`, 303);
    },
  );
}
