import createClient from 'openapi-fetch';
import { Webhook } from 'standardwebhooks';
import type { paths, webhooks } from './api.generated.js';

type NewProvider = paths['/api/v1/providers']['post']['requestBody']['content']['application/json'];
type EventUndone = webhooks['event.undone']['post']['requestBody']['content']['application/json'];

/**
 * An integrator's script, written from the OpenAPI document and README only, through a client generated from the
 * document (openapi-typescript types, openapi-fetch): no casts, so the generated types must carry it. It throws on
 * anything the document does not promise and reports what it saw.
 */
export interface IntegrationSettings {
  baseUrl: string;
  apiKey: string;
  /** Where this integrator receives webhooks. */
  webhookUrl: string;
  /** The next POST received at `webhookUrl` whose type is `type`, as it arrived. */
  nextDelivery: (type: string) => Promise<{ body: string; headers: Record<string, string> }>;
  /** Today in Europe/Amsterdam, as the service counts it. */
  today: string;
}

export interface IntegrationReport {
  providerId: string;
  retriedId: string;
  replayed: string | null;
  providersListed: number;
  eventId: string;
  notModified: number;
  dueProviders: string[];
  webhookType: string;
  webhookEventId: string;
}

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(detail)}`);
}

export async function runIntegration(settings: IntegrationSettings): Promise<IntegrationReport> {
  const client = createClient<paths>({
    baseUrl: settings.baseUrl,
    headers: { authorization: `Bearer ${settings.apiKey}` },
  });

  // 1. Register a provider, and retry the POST with the same Idempotency-Key as after a lost answer.
  const provider: NewProvider = {
    name: 'Verloskundigenpraktijk De Linde',
    agb: '31415926',
    kinds: ['verloskunde'],
    contracts: [{ insurer: 'cz-groep', year: 2027, status: 'new' }],
    contacts: [{ email: 'planning@delinde.example.nl', name: 'Sanne Bakker' }],
  };
  const register = () =>
    client.POST('/api/v1/providers', {
      params: { header: { 'idempotency-key': 'integrator-provider-31415926' } },
      body: provider,
    });
  const created = await register();
  if (!created.data) fail('registering the provider', created.error);
  const retried = await register();
  if (!retried.data) fail('retrying the registration', retried.error);
  const listed = await client.GET('/api/v1/providers', { params: { query: { limit: 100 } } });
  if (!listed.data) fail('listing providers', listed.error);
  // A second practice, so the query across providers has more than one to find.
  const second = await client.POST('/api/v1/providers', {
    body: { ...provider, name: 'Verloskundigen Oost', agb: '27182818', contacts: [] },
  });
  if (!second.data) fail('registering the second provider', second.error);

  // 2. Record that the overdue questionnaire went in today.
  const timeline = await client.GET('/api/v1/providers/{id}/timeline', {
    params: { path: { id: created.data.id } },
  });
  if (!timeline.data) fail('reading the timeline', timeline.error);
  const overdue = timeline.data.items.find((item) => item.actor === 'provider' && item.status === 'overdue');
  if (!overdue) fail('an overdue step of hers', timeline.data.items);
  const recorded = await client.POST('/api/v1/providers/{id}/events', {
    params: { path: { id: created.data.id } },
    body: { item: overdue.id, date: settings.today, note: 'Vragenlijst ingediend via het portaal' },
  });
  if (!recorded.data) fail('recording the event', recorded.error);

  // 3. Read the timeline again, then conditionally: unchanged, it answers 304 without a body.
  const fresh = await client.GET('/api/v1/providers/{id}/timeline', { params: { path: { id: created.data.id } } });
  const etag = fresh.response.headers.get('etag');
  if (!fresh.data || etag === null) fail('reading the timeline with its ETag', fresh.error);
  if (!fresh.data.items.some((item) => item.id === overdue.id && item.status === 'done'))
    fail('the recorded step as done', fresh.data.items);
  const conditional = await client.GET('/api/v1/providers/{id}/timeline', {
    params: { path: { id: created.data.id }, header: { 'if-none-match': etag } },
  });

  // 4. Everything due in the next 60 days, across her providers, in one query.
  const due = await client.GET('/api/v1/timeline', {
    params: { query: { from: settings.today, to: addDays(settings.today, 60), actor: 'provider' } },
  });
  if (!due.data) fail('listing due items', due.error);

  // 5. A webhook endpoint; undoing the event is delivered signed, and verifies with the secret shown once.
  const hook = await client.POST('/api/v1/webhooks', { body: { url: settings.webhookUrl, events: ['event.undone'] } });
  if (!hook.data) fail('registering the webhook', hook.error);
  const undone = await client.DELETE('/api/v1/providers/{id}/events/{eventId}', {
    params: { path: { id: created.data.id, eventId: recorded.data.id } },
  });
  if (undone.error !== undefined || !undone.response.ok) fail('undoing the event', undone.error);
  const delivery = await settings.nextDelivery('event.undone');
  const message: unknown = new Webhook(hook.data.secret).verify(delivery.body, delivery.headers);
  if (!isUndone(message)) fail('an event.undone payload', message);

  return {
    providerId: created.data.id,
    retriedId: retried.data.id,
    replayed: retried.response.headers.get('idempotent-replayed'),
    providersListed: listed.data.total,
    eventId: recorded.data.id,
    notModified: conditional.response.status,
    dueProviders: [...new Set(due.data.items.map((item) => item.provider.id))].sort(),
    webhookType: message.type,
    webhookEventId: message.data.event.id,
  };
}

/** The payload as the document's `webhooks` section describes event.undone: its type checked rather than cast. */
function isUndone(message: unknown): message is EventUndone {
  if (typeof message !== 'object' || message === null || !('type' in message) || !('data' in message)) return false;
  const { type, data } = message;
  return (
    type === 'event.undone' &&
    typeof data === 'object' &&
    data !== null &&
    'event' in data &&
    typeof data.event === 'object' &&
    data.event !== null &&
    'id' in data.event &&
    typeof data.event.id === 'string'
  );
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
