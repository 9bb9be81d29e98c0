import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CalendarSet } from '../domain/calendar-set.js';
import { addDays } from '../domain/plain-date.js';
import { providerFeedUrl, providerPageUrl } from '../feeds/urls.js';
import { computeTimeline } from '../domain/timeline.js';
import type { IsoDate, TimelineItem } from '../domain/types.js';
import { parseMailbox, recipientProblem } from '../mail/address.js';
import { composeMessage } from '../mail/compose.js';
import { sendErrorOf, type MailTransport } from '../mail/transport.js';
import { nowIso, type Db } from '../store/database.js';
import { EventStore } from '../store/events.js';
import { WebStore } from '../store/web.js';
import { OutboxStore, type ClaimedMail, type PlannedMail } from '../store/outbox.js';
import { ProviderStore, type ProviderRecord } from '../store/providers.js';
import { ReminderStore, type ReminderContact, type ToldNotice } from '../store/reminders.js';
import { noticeKey, planDigest, type Digest } from './plan.js';
import { renderDigest } from './render.js';

export interface RunLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RetryPolicy {
  /** Wait before the second attempt; doubles with every further attempt. */
  firstDelayMs: number;
  /** Attempts in all before a mail is marked failed. */
  maxAttempts: number;
}

export interface ReminderOptions {
  db: Db;
  calendars: CalendarSet;
  transport: MailTransport;
  publicBaseUrl: string;
  mailFrom: string;
  log: RunLog;
  /** Mails sent at once; a crash resends at most this many (the ones in flight), with the same Message-ID. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** How long a claimed mail stays this process's; longer than the slowest SMTP attempt. */
  leaseMs?: number;
  now?: () => Date;
}

export interface RunResult {
  day: IsoDate;
  /** First day whose reminders this run covered (earlier than day after missed days). */
  since: IsoDate;
  /** Digests stored by this run. */
  planned: number;
  /** Mails the SMTP server accepted (or .eml files written) during this run, earlier days' leftovers included. */
  sent: number;
  /** Mails that ended failed during this run. */
  failed: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 15_000, maxAttempts: 5 };
const DEFAULT_LEASE_MS = 2 * 60_000;
/** Providers planned per transaction: one commit (fsync) per page, not per mail. */
const PAGE_SIZE = 250;
/** Mails one worker claims at a time. */
const CLAIM_BATCH = 5;

/** The runner sees every provider, like an admin key. */
const ADMIN = { keyId: '', admin: true };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plans each contact's daily digest into the outbox, then sends what the outbox holds.
 * Everything that matters is in the database, so a run can be repeated, resumed after a crash, or run by two processes.
 */
export class ReminderRunner {
  /** Identifies this process in leases: a sender on this host whose process is gone is recognised at once. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly outbox: OutboxStore;
  private readonly store: ReminderStore;
  private readonly providers: ProviderStore;
  private readonly events: EventStore;
  private readonly webLinks: WebStore;
  private readonly insurerNames: Map<string, string>;
  private readonly from: { address: string; domain: string };
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: ReminderOptions) {
    this.outbox = new OutboxStore(options.db);
    this.store = new ReminderStore(options.db);
    this.providers = new ProviderStore(options.db);
    this.events = new EventStore(options.db);
    this.webLinks = new WebStore(options.db);
    this.insurerNames = new Map(options.calendars.all().map((calendar) => [calendar.file.insurer, calendar.file.insurerName]));
    const { address } = parseMailbox(options.mailFrom);
    this.from = { address, domain: address.slice(address.lastIndexOf('@') + 1) };
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Plans `day` (with reminders owed since `since`), then delivers. Runs in this process take turns. */
  runDay(day: IsoDate, since: IsoDate = day): Promise<RunResult> {
    const run = this.queue.then(() => this.runNow(day, since < day ? since : day));
    this.queue = run.catch(() => {});
    return run;
  }

  /** The last day up to `today` a run finished, or null for a database that never ran reminders. */
  lastFinishedDay(today: IsoDate): IsoDate | null {
    return this.store.lastFinishedDay(today);
  }

  /** Finishes the mails being sent, leaves the rest in the outbox for the next run. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.queue;
  }

  private async runNow(day: IsoDate, since: IsoDate): Promise<RunResult> {
    if (this.stopping) throw new Error('the reminder runner is stopping');
    const { log } = this.options;
    this.store.startRun(day, since, nowIso());
    const reopened = this.outbox.reopenFailed(day, this.now());
    if (reopened > 0) log.info({ day, reopened }, 'reminders: failed mails of this day queued again');
    const started = Date.now();
    const plan = await this.plan(day, since);
    log.info({ day, since, planned: plan.planned, unsendable: plan.unsendable, ms: Date.now() - started }, 'reminders: planned');
    const delivery = await this.deliver();
    const result = { day, since, planned: plan.planned, sent: delivery.sent, failed: delivery.failed + plan.unsendable };
    if (!this.stopping) this.store.finishRun(day, result, nowIso());
    log.info({ ...result, transport: this.options.transport.description, ms: Date.now() - started }, 'reminders: run finished');
    return result;
  }

  /** Stores each contact's digest for `day` that is not stored yet; returns how many were stored. */
  async plan(day: IsoDate, since: IsoDate = day): Promise<{ planned: number; unsendable: number }> {
    let planned = 0;
    let unsendable = 0;
    const ids = this.store.providerIds();
    for (let offset = 0; offset < ids.length && !this.stopping; offset += PAGE_SIZE) {
      const items = ids.slice(offset, offset + PAGE_SIZE).flatMap((id) => this.providers.get(id, ADMIN) ?? []);
      const contacts = this.store.contactsOf(items.map((provider) => provider.id));
      const building: ReturnType<ReminderRunner['build']>[] = [];
      for (const provider of items) {
        const waiting = (contacts.get(provider.id) ?? []).filter((contact) => !this.outbox.has(contact.id, day));
        if (waiting.length === 0) continue;
        const timeline = this.timelineOf(provider, day);
        for (const contact of waiting) {
          const digest = planDigest({ timeline: timeline.items, day, since, reminderDays: provider.reminderDays, history: this.historyOf(contact), moving: timeline.moving });
          if (digest !== null) building.push(this.build(provider, contact, digest));
        }
      }
      // Building MIME is asynchronous (streams): a page's messages are built side by side.
      const built = await Promise.all(building);
      const mails = built.filter((entry): entry is { mail: PlannedMail; told: ToldNotice[]; links: (() => void)[] } => !('error' in entry));
      const refused = built.filter((entry): entry is { mail: Omit<PlannedMail, 'raw'>; error: string } => 'error' in entry);
      this.store.transaction(() => {
        const now = nowIso();
        for (const { mail, told, links } of mails) {
          if (!this.outbox.insert(mail, now)) continue;
          for (const save of links) save();
          this.store.recordTold(mail.contactId, mail.id, told);
          planned++;
        }
        for (const { mail, error } of refused) if (this.outbox.insertUnsendable(mail, error, now)) unsendable++;
      });
      for (const { mail, error } of refused) this.options.log.warn({ outboxId: mail.id, error }, 'reminders: mail refused, listed as failed');
    }
    return { planned, unsendable };
  }

  /** The provider's timeline on `day`, and which items move when the day does (chains that have not started). */
  private timelineOf(provider: ProviderRecord, day: IsoDate): { items: TimelineItem[]; moving: Set<string> } {
    const events = this.events.recordedEvents(provider.id);
    const items = computeTimeline(provider, this.options.calendars, events, day);
    const moving = new Set<string>();
    if (items.some((item) => item.projected)) {
      const tomorrow = new Map(computeTimeline(provider, this.options.calendars, events, addDays(day, 1)).map((item) => [item.id, item.due]));
      for (const item of items) if (item.projected && tomorrow.get(item.id) !== item.due) moving.add(item.id);
    }
    return { items, moving };
  }

  private historyOf(contact: ReminderContact) {
    return {
      told: new Set(this.store.told(contact.id).map((told) => noticeKey(told.item, told.notice, told.due))),
      toldDue: this.store.toldDue(contact.id),
    };
  }

  private async build(
    provider: ProviderRecord,
    contact: ReminderContact,
    digest: Digest,
  ): Promise<{ mail: PlannedMail; told: ToldNotice[]; links: (() => void)[] } | { mail: Omit<PlannedMail, 'raw'>; error: string }> {
    const base = this.options.publicBaseUrl;
    const unsubscribeUrl = `${base}/unsubscribe/${contact.unsubscribeToken}`;
    // Record links are stored with the mail (one transaction), never without it.
    const links: (() => void)[] = [];
    const rendered = renderDigest(digest, {
      language: contact.language,
      providerName: provider.name,
      contactName: contact.name,
      insurerName: (insurer) => this.insurerNames.get(insurer) ?? insurer,
      timelineUrl: providerPageUrl(base, provider.feedToken),
      feedUrl: providerFeedUrl(base, provider.feedToken),
      unsubscribeUrl,
      // "Gedaan? Leg het vast": a link per step that records it through a confirmation page (GET shows, POST records).
      recordUrl: (itemId) => {
        const link = this.webLinks.prepareLink('record', provider.id, itemId, this.now());
        links.push(link.save);
        return `${base}/gedaan/${link.token}`;
      },
    });
    // Same contact, day and content: same Message-ID, so a resend is recognisable as the same mail.
    const hash = createHash('sha256').update(`${contact.id}\n${digest.day}\n${rendered.subject}\n${rendered.text}`).digest('hex');
    const head = {
      id: `${digest.day}/c${contact.id}`,
      contactId: contact.id,
      providerId: provider.id,
      day: digest.day,
      recipient: contact.email,
      subject: rendered.subject,
      messageId: `${hash.slice(0, 32)}.${digest.day}@${this.from.domain}`,
    };
    const problem = recipientProblem(contact.email, contact.name);
    if (problem) return { mail: head, error: `refused before sending: ${problem}` };
    const raw = await composeMessage({
      from: this.options.mailFrom,
      to: { name: contact.name, address: contact.email },
      ...rendered,
      messageId: head.messageId,
      date: this.now(),
      unsubscribeUrl,
    });
    const told = digest.notices.flatMap((notice) => notice.keys.map((key) => ({ item: notice.item.id, notice: key, due: notice.item.due })));
    return { mail: { ...head, raw }, told, links };
  }

  /** Sends every mail the outbox holds, waiting out retries; returns what this process sent and what ended failed. */
  async deliver(): Promise<{ sent: number; failed: number }> {
    const counts = { sent: 0, failed: 0, retry: 0 };
    const worker = async () => {
      while (!this.stopping) {
        const claimed = this.outbox.claim(this.owner, this.now(), this.leaseMs, CLAIM_BATCH);
        if (claimed.length === 0) return;
        for (const mail of claimed) {
          if (this.stopping) this.outbox.unclaim(mail.id, this.owner);
          else counts[await this.sendOne(mail)]++;
        }
      }
    };
    for (;;) {
      this.releaseDeadSenders();
      await Promise.all(Array.from({ length: this.concurrency }, worker));
      const next = this.outbox.nextPendingAt();
      if (this.stopping || next === null) break;
      // Waiting for a retry: look again at least every second, in case another process finished it first.
      await sleep(Math.min(1_000, Math.max(10, next.getTime() - this.now().getTime())));
    }
    return { sent: counts.sent, failed: counts.failed };
  }

  private async sendOne(mail: ClaimedMail): Promise<'sent' | 'failed' | 'retry'> {
    const { log, transport } = this.options;
    try {
      await transport.send({ from: this.from.address, to: mail.recipient }, mail.raw, mail.id.replace('/', '-'));
      this.outbox.markSent(mail.id, this.owner, this.now());
      return 'sent';
    } catch (thrown) {
      const error = sendErrorOf(thrown);
      if (error.permanent || mail.attempts >= this.retry.maxAttempts) {
        this.outbox.markFailed(mail.id, this.owner, error.message);
        log.warn({ outboxId: mail.id, attempts: mail.attempts, error: error.message }, 'reminders: mail failed');
        return 'failed';
      }
      const delay = this.retry.firstDelayMs * 2 ** (mail.attempts - 1);
      this.outbox.markRetry(mail.id, this.owner, new Date(this.now().getTime() + delay), error.message);
      log.info({ outboxId: mail.id, attempts: mail.attempts, retryInMs: delay, error: error.message }, 'reminders: mail will be retried');
      return 'retry';
    }
  }

  /** A sender on this host whose process no longer exists cannot finish its mails: queue them again now. */
  private releaseDeadSenders(): void {
    const host = hostname();
    for (const owner of this.outbox.leaseOwners()) {
      const [ownerHost, pid] = owner.split(':');
      if (owner === this.owner || ownerHost !== host || processAlive(Number(pid))) continue;
      const released = this.outbox.release(owner);
      if (released > 0) this.options.log.warn({ owner, released }, 'reminders: mails of a stopped process queued again');
    }
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
