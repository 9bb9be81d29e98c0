import type { Static } from '@sinclair/typebox';
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
    feedUrl: `${publicBaseUrl}/feeds/${provider.feedToken}.ics`,
    createdAt: provider.createdAt,
    updatedAt: provider.updatedAt,
  };
}
