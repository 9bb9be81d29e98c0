import { Type } from '@sinclair/typebox';
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { groupOf, roundClosesOf } from '../../domain/groups.js';
import { sendAnswer, timelineVersion } from '../../plugins/app/answer-cache.js';
import { notFound } from '../../problems.js';
import { linkGonePages, NOT_MODIFIED, problemResponses } from '../../schemas/common.js';
import { FeedTokenParamsSchema } from '../../schemas/feeds.js';
import { GET_PROVIDER_TIMELINE_PAGE_DESCRIPTION } from './descriptions.js';
import { renderFeedPage } from './page.js';

const tags = ['feeds'];
const HTML = 'text/html; charset=utf-8';
const CACHED_PAGE_QUERIES = new Set(['', 'lang=nl', 'lang=en']);

/** The feed's page for people (`/feeds/<token>.html`); the .ics feeds beside it are src/routes/feeds/. */
const feedPage: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:token.html',
    {
      schema: {
        operationId: 'getProviderTimelinePage',
        tags,
        summary: "A provider's timeline as a web page",
        description: GET_PROVIDER_TIMELINE_PAGE_DESCRIPTION,
        params: FeedTokenParamsSchema,
        produces: ['text/html'],
        response: {
          200: Type.String({ description: 'The timeline page (text/html).' }),
          ...NOT_MODIFIED,
          ...linkGonePages(400, 404),
          ...problemResponses(500),
        },
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      // The token is looked up on every request (a replaced address answers 404 at once); the page is built only when it moved.
      const owner = fastify.feeds.ownerOf(token);
      if (!owner) throw notFound('timeline page');
      const build = () => {
        const found = fastify.feeds.providerTimeline(token);
        if (!found) throw notFound('timeline page');
        return renderFeedPage(
          request,
          found,
          (item) => fastify.calendars.insurerName(item.insurer),
          (item) => groupOf(item, found.today, roundClosesOf(fastify.calendars, item.calendar)),
        );
      };
      // The page's links repeat its query: only the plain address and its language switch are kept, so no query fills the cache.
      const query = request.url.slice(request.url.indexOf('?') + 1 || request.url.length);
      reply.header('cache-control', 'private, no-cache').header('x-robots-tag', 'noindex');
      if (!CACHED_PAGE_QUERIES.has(query)) return reply.type(HTML).send(build());
      const version = timelineVersion(owner.feedVersion, fastify.today(), fastify.calendars);
      // By the whole URL: the page's language switch repeats it.
      return sendAnswer(request, reply, fastify.answerCache.answer(`page\n${request.url}`, version, HTML, build));
    },
  );
};

export default feedPage;
