import type { Static } from '@sinclair/typebox';
import { providerFeedUrl, providerPageUrl } from '../../feeds/urls.js';
import type { ProviderSchema } from '../../schemas/providers.js';
import type { ProviderRecord } from '../../store/providers.js';

export type ProviderResource = Static<typeof ProviderSchema>;

/** The provider as clients see it: no owner, the feed token only inside its address. */
export function providerResource(provider: ProviderRecord, publicBaseUrl: string): ProviderResource {
  return {
    id: provider.id,
    name: provider.name,
    agb: provider.agb,
    kinds: provider.kinds,
    contracts: provider.contracts,
    contacts: provider.contacts,
    reminderDays: provider.reminderDays,
    showExpected: provider.showExpected,
    ...feedLinks(providerFeedUrl(publicBaseUrl, provider.feedToken)),
    timelinePageUrl: providerPageUrl(publicBaseUrl, provider.feedToken),
    createdAt: provider.createdAt,
    updatedAt: provider.updatedAt,
  };
}

/** The feed address, its webcal:// form (opens the calendar app) and Google Calendar's subscribe link, which takes the webcal form. */
export function feedLinks(feedUrl: string): { feedUrl: string; feedWebcalUrl: string; feedGoogleCalendarUrl: string } {
  const feedWebcalUrl = feedUrl.replace(/^https?:/, 'webcal:');
  return {
    feedUrl,
    feedWebcalUrl,
    feedGoogleCalendarUrl: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(feedWebcalUrl)}`,
  };
}
