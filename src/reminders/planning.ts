import type { IsoDate } from '../domain/types.js';
import { addDays } from '../domain/plain-date.js';
import { nowIso } from '../store/database.js';
import type { EventStore } from '../store/events.js';
import type { OutboxStore, PlannedMail } from '../store/outbox.js';
import type { OwnDateStore } from '../store/own-dates.js';
import type { ProviderStore } from '../store/providers.js';
import type { ReminderStore, ToldNotice } from '../store/reminders.js';
import type { DayTimelines } from './day-timelines.js';
import type { ReminderMails, BuiltMail } from './mails.js';
import { composePool } from '../mail/compose-pool.js';
import { noticeKey, planDigest, type MailHistory } from './plan.js';
import type { RunLog } from './types.js';

/** The stores and mail builder a planning run reads and writes. */
export interface PlanningParts {
  outbox: OutboxStore;
  store: ReminderStore;
  providers: ProviderStore;
  events: EventStore;
  ownDates: OwnDateStore;
  mails: ReminderMails;
  log: RunLog;
}

/** The mails one page of providers gets on `day` (contacts that have one for that day already are left out). */
export function buildPage(
  parts: PlanningParts,
  ids: readonly string[],
  day: IsoDate,
  since: IsoDate,
  timelines: DayTimelines,
): BuiltMail[] {
  const { providers, store, outbox, events, ownDates, mails } = parts;
  // A page's providers, contacts, events and mail histories are read with one query each.
  const items = providers.getMany([...ids]);
  const providerIds = items.map((provider) => provider.id);
  const contacts = store.contactsOf(providerIds);
  const contactIds = [...contacts.values()].flatMap((list) => list.map((contact) => contact.id));
  const mailed = outbox.contactsWithMail(contactIds, day);
  const recorded = events.recordedEventsOf(providerIds);
  const own = ownDates.ownDatesOf(providerIds);
  const histories = store.historiesOf(contactIds);
  const pageTokens = mails.pageTokensOf(providerIds);
  const built: BuiltMail[] = [];
  for (const provider of items) {
    const waiting = (contacts.get(provider.id) ?? []).filter((contact) => !mailed.has(contact.id));
    if (waiting.length === 0) continue;
    const timeline = timelines.of(provider, recorded.get(provider.id) ?? [], own.get(provider.id));
    for (const contact of waiting) {
      // A new address: the notice of who added it (one click stops everything) on top of its first digest, today,
      // with the latest reminder of each date it would have had; on a day with nothing to remind of, the notice alone.
      // Her own dates (text the tenant wrote) stay out of a mail to an address that has not met the service yet.
      if (contact.introducedOn === null) {
        const first = planDigest({
          timeline: timeline.items.filter((item) => item.type !== 'own'),
          day,
          since: addDays(day, -Math.max(0, ...provider.reminderDays)),
          reminderDays: provider.reminderDays,
          history: historyOf(histories.get(contact.id)),
          moving: timeline.moving,
        });
        built.push(
          first === null
            ? mails.introduction(provider, contact, day)
            : mails.digest(provider, contact, first, pageTokens.get(provider.id), true),
        );
        continue;
      }
      const history = historyOf(histories.get(contact.id));
      // Reminders that fell on the day of the notice (at most a week back) are still owed to a contact that has had no digest yet.
      const fresh =
        history.told.size === 0 &&
        history.toldDue.size === 0 &&
        contact.introducedOn < since &&
        contact.introducedOn >= addDays(since, -7);
      const digest = planDigest({
        timeline: timeline.items,
        day,
        since: fresh ? contact.introducedOn : since,
        reminderDays: provider.reminderDays,
        history,
        moving: timeline.moving,
      });
      if (digest !== null) built.push(mails.digest(provider, contact, digest, pageTokens.get(provider.id)));
    }
  }
  return built;
}

/** A built mail with its bytes, ready for the outbox (or why it cannot be sent). */
export type ReadyMail =
  { mail: PlannedMail; told: ToldNotice[]; links: (() => void)[] } | { mail: Omit<PlannedMail, 'raw'>; error: string };

/** Composes built mails into their bytes (on the compose thread when there is one). */
export async function composeBuilt(built: readonly BuiltMail[]): Promise<ReadyMail[]> {
  const toCompose = built.filter((entry) => 'outgoing' in entry);
  const raws = await composePool.compose(toCompose.map((entry) => entry.outgoing));
  const byMail = new Map(toCompose.map((entry, index) => [entry, raws[index]]));
  return built.map((entry) =>
    'outgoing' in entry
      ? { mail: { ...entry.mail, raw: byMail.get(entry)! }, told: entry.told, links: entry.links }
      : entry,
  );
}

/**
 * Stores built mails with what they tell and the links they carry, in one transaction; returns how many were stored
 * and how many were listed as unsendable. Committed without waiting for the disk: a power loss may undo it (the next
 * run plans the same mails again), and sending claims them with a commit that syncs the log up to and including it.
 */
export function storeBuilt(parts: PlanningParts, built: readonly ReadyMail[]): { planned: number; unsendable: number } {
  const { outbox, store, log } = parts;
  let planned = 0;
  let unsendable = 0;
  const refused: { mail: Omit<PlannedMail, 'raw'>; error: string }[] = [];
  outbox.unsynced(() => {
    const now = nowIso();
    for (const entry of built) {
      if ('error' in entry) {
        refused.push(entry);
        if (outbox.insertUnsendable(entry.mail, entry.error, now)) unsendable++;
        continue;
      }
      const { mail, told, links } = entry;
      if (!outbox.insert(mail, now)) continue;
      for (const save of links) save();
      store.recordTold(mail.contactId, mail.id, told);
      store.introduce(mail.contactId, mail.day);
      planned++;
    }
  });
  for (const { mail, error } of refused)
    log.warn({ outboxId: mail.id, error }, 'reminders: mail refused, listed as failed');
  return { planned, unsendable };
}

/** A contact's history as planning reads it: each notice told as one key. */
function historyOf(stored: { told: ToldNotice[]; toldDue: Map<string, IsoDate> } | undefined): MailHistory {
  return {
    told: new Set((stored?.told ?? []).map((told) => noticeKey(told.item, told.notice, told.due))),
    toldDue: stored?.toldDue ?? new Map(),
  };
}
