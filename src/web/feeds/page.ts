import type { FastifyRequest } from 'fastify';
import type { ItemGroup } from '../../domain/groups.js';
import type { IsoDate, TimelineItem } from '../../domain/types.js';
import type { ProviderRecord } from '../../store/providers.js';
import { requestLanguage } from '../language.js';
import { renderPage, switchUrlOf } from '../render.js';
import { subscribeLinks } from '../subscribe.js';
import { timelineView } from '../view-model.js';
import { wordsFor } from '../words.js';

/**
 * A provider's timeline behind its feed token (`/feeds/<token>.html`), where feed events and mails link:
 * the same look and order as her own page, read-only (recording needs the page link or a mail's record link).
 */
export function renderFeedPage(
  request: FastifyRequest,
  found: { provider: ProviderRecord; items: TimelineItem[]; today: IsoDate; feedUrl: string },
  insurerName: (item: TimelineItem) => string,
  groupOf: (item: TimelineItem) => ItemGroup,
): string {
  // Cached by its address: the language comes from the address (or her saved one), never from a cookie.
  const language = requestLanguage(request, { fallback: found.provider.contacts[0]?.language, cookie: false });
  const t = wordsFor(language);
  return renderPage(
    'feeds/timeline',
    { language, title: t.ownTitle(found.provider.name), switchUrl: switchUrlOf(request.url, language) },
    {
      heading: t.ownTitle(found.provider.name),
      timeline: timelineView(found.items, { language, today: found.today, insurerName, groupOf }),
      today: found.today,
      links: subscribeLinks(found.feedUrl, found.provider.name),
    },
  );
}
