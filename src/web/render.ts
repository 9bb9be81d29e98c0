import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { ABOUT_LINKS } from './about/words.js';
import type { Language } from '../domain/language.js';
import { wordsFor, type Words } from './words.js';

/**
 * Eta: plain HTML templates beside each page that escape every `<%= %>` by default, with no build step
 * (JSX would need one); the templates only place what a page's view model already worked out.
 */
const eta = new Eta({
  views: fileURLToPath(new URL('.', import.meta.url)),
  cache: true,
  autoEscape: true,
  autoTrim: false,
});

/** What every page's layout needs. */
export interface PageFrame {
  language: Language;
  title: string;
  /** The same page in the other language. */
  switchUrl: string;
  csrf?: string;
  /** Error summary at the top (GOV.UK): each entry links to its field. */
  errors?: { field: string; message: string }[];
}

export function renderPage(template: string, frame: PageFrame, data: Record<string, unknown> = {}): string {
  const t: Words = wordsFor(frame.language);
  return eta.render(template, {
    ...data,
    ...frame,
    t,
    aboutLinks: ABOUT_LINKS[frame.language],
    errors: frame.errors ?? [],
    fieldError: fieldErrors(frame.errors ?? []),
  });
}

function fieldErrors(errors: { field: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(errors.map((error) => [error.field, error.message]));
}

/** The current URL with `lang` set to the other language. */
export function switchUrlOf(url: string, language: Language): string {
  const [path, query = ''] = url.split('?');
  // A path that starts with two slashes (or a backslash, which browsers read as one) would be an off-site link: `//evil.example/x`.
  const local = path.replace(/^[/\\]+/, '/');
  const params = new URLSearchParams(query);
  params.set('lang', language === 'nl' ? 'en' : 'nl');
  return `${local}?${params.toString()}`;
}
