import type { FastifyInstance } from 'fastify';
import { PROBLEM_TYPE_NAMES, PROBLEM_TYPES, problemTypeUri, type ProblemType } from '../../problems.js';
import { languageOf, sendPage } from '../context.js';
import type { Language } from '../../domain/language.js';
import type { ProblemPage } from './page.js';
import { PROBLEM_PAGES_EN } from './words-en.js';
import { PROBLEM_PAGES_NL } from './words-nl.js';

const PAGES: Record<Language, Record<ProblemType, ProblemPage>> = { nl: PROBLEM_PAGES_NL, en: PROBLEM_PAGES_EN };

const FRAME: Record<Language, { list: string; means: string; todo: string; status: string; docs: string }> = {
  nl: {
    list: 'Probleemtypen van de API',
    means: 'Wat het betekent',
    todo: 'Wat u doet',
    status: 'HTTP-status',
    docs: 'API-documentatie',
  },
  en: {
    list: 'Problem types of the API',
    means: 'What it means',
    todo: 'What to do',
    status: 'HTTP status',
    docs: 'API documentation',
  },
};

const isProblemType = (name: string): name is ProblemType => Object.hasOwn(PROBLEM_TYPES, name);

/** The pages the `type` of every problem answer resolves to (`/problems/<name>`), and their list at `/problems`. */
export default async function problemPages(fastify: FastifyInstance): Promise<void> {
  fastify.get('/problems', async (request, reply) => {
    const language = languageOf(request, reply);
    const types = PROBLEM_TYPE_NAMES.map((name) => ({
      href: problemTypeUri(name),
      name,
      status: PROBLEM_TYPES[name],
      title: PAGES[language][name].title,
    }));
    return sendPage(request, reply, 'problems/list', () => FRAME[language].list, { types, words: FRAME[language] });
  });

  fastify.get<{ Params: { name: string } }>('/problems/:name', async (request, reply) => {
    const { name } = request.params;
    if (!isProblemType(name)) throw Object.assign(new Error(`no problem type ${name}`), { statusCode: 404 });
    const language = languageOf(request, reply);
    const page = PAGES[language][name];
    return sendPage(request, reply, 'problems/problem', () => page.title, {
      page,
      uri: problemTypeUri(name),
      status: PROBLEM_TYPES[name],
      words: FRAME[language],
    });
  });
}
