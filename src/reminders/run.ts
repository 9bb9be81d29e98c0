import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CalendarSet } from '../domain/calendar-set.js';
import type { IsoDate } from '../domain/types.js';
import { parseMailbox } from '../mail/address.js';
import { composePool } from '../mail/compose-pool.js';
import type { MailTransport } from '../mail/transport.js';
import { nowIso } from '../store/database.js';
import type { EventStore } from '../store/events.js';
import type { Stores } from '../store/index.js';
import type { OwnDateStore } from '../store/own-dates.js';
import type { OutboxStore } from '../store/outbox.js';
import type { ProviderStore } from '../store/providers.js';
import type { ReminderStore } from '../store/reminders.js';
import { DayTimelines } from './day-timelines.js';
import { deliverOutbox } from './delivery.js';
import { SenderLease } from './leases.js';
import { ReminderMails } from './mails.js';
import { buildPage, composeBuilt, storeBuilt, type PlanningParts, type ReadyMail } from './planning.js';
import type { RetryPolicy, RunLog } from './types.js';

// Kept importable from here for the callers (commands, plugin, schedule, tests).
export type { RetryPolicy, RunLog } from './types.js';

export interface ReminderOptions {
  /** The service's stores (src/store/index.ts), or a command's over its own database. */
  stores: Stores;
  calendars: CalendarSet;
  transport: MailTransport;
  publicBaseUrl: string;
  mailFrom: string;
  log: RunLog;
  /** Mails sent at once; a crash resends at most this many (the ones in flight), with the same Message-ID. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** How long a claimed mail stays this process's without a heartbeat (renewed every third of it). */
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

/** A day's run as a job (GET /api/v1/admin/reminders/runs/{day}). */
export interface RunStatus {
  day: IsoDate;
  since: IsoDate;
  /** `running` in this process; `unfinished`: another process runs it, or it was interrupted (the next run completes it). */
  state: 'running' | 'finished' | 'unfinished';
  startedAt: string;
  finishedAt: string | null;
  /** The day's digests in the outbox, and how many of them are sent, still to send (waiting or being sent), failed, cancelled. */
  planned: number;
  sent: number;
  pending: number;
  failed: number;
  cancelled: number;
  /** What the finished run reported (its own counts, earlier days' leftovers included); null until finished. */
  result: { planned: number; sent: number; failed: number } | null;
}

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 15_000, maxAttempts: 5 };
export const DEFAULT_LEASE_MS = 60_000;
/** Providers read and built at a time: between pages the service answers its requests. */
const PAGE_SIZE = 250;
/** Pages stored per transaction: one commit per 2,000 providers, not per page or per mail. */
const PAGES_PER_COMMIT = 8;

/**
 * Plans each contact's daily digest into the outbox, then sends what the outbox holds.
 * Everything that matters is in the database, so a run can be repeated, resumed after a crash, or run by two processes.
 */
export class ReminderRunner {
  /** Identifies this process in leases (host and pid: a fast path when the process is certainly gone). */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly lease: SenderLease;
  /** Days queued or running in this process. */
  private readonly active = new Set<IsoDate>();
  private readonly outbox: OutboxStore;
  private readonly store: ReminderStore;
  private readonly providers: ProviderStore;
  private readonly events: EventStore;
  private readonly ownDates: OwnDateStore;
  private readonly mails: ReminderMails;
  private readonly planningParts: PlanningParts;
  private readonly from: { address: string; domain: string };
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: ReminderOptions) {
    this.outbox = options.stores.outbox;
    this.store = options.stores.reminders;
    this.providers = options.stores.providers;
    this.events = options.stores.events;
    this.ownDates = options.stores.ownDates;
    const { address } = parseMailbox(options.mailFrom);
    this.from = { address, domain: address.slice(address.lastIndexOf('@') + 1) };
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.now = options.now ?? (() => new Date());
    this.mails = new ReminderMails({
      apiKeys: options.stores.apiKeys,
      webLinks: options.stores.web,
      // Every registered insurer too: her own dates and the law's name insurers without a document.
      insurerNames: new Map(
        options.calendars.knownInsurers().map((insurer) => [insurer, options.calendars.insurerName(insurer)]),
      ),
      publicBaseUrl: options.publicBaseUrl,
      mailFrom: options.mailFrom,
      fromDomain: this.from.domain,
      now: this.now,
    });
    this.lease = new SenderLease(this.outbox, this.owner, options.leaseMs ?? DEFAULT_LEASE_MS, this.now);
    this.planningParts = {
      outbox: this.outbox,
      store: this.store,
      providers: this.providers,
      events: this.events,
      ownDates: this.ownDates,
      mails: this.mails,
      log: options.log,
    };
  }

  /**
   * Plans `day` (with reminders owed since `since`), then delivers. Runs in this process take turns.
   * The run is recorded as started at once, so its status can be asked for while it waits its turn.
   */
  runDay(day: IsoDate, since: IsoDate = day): Promise<RunResult> {
    if (this.stopping) return Promise.reject(new Error('the reminder runner is stopping'));
    const from = since < day ? since : day;
    this.store.startRun(day, from, nowIso());
    this.active.add(day);
    const run = this.queue.then(() => this.runNow(day, from));
    this.queue = run.catch(() => {}).finally(() => this.active.delete(day));
    return run;
  }

  /** A day's run as a job: its state and the day's digests per outcome; undefined when the day never ran. */
  status(day: IsoDate): RunStatus | undefined {
    const run = this.store.run(day);
    if (!run) return undefined;
    const counts = this.outbox.dayCounts(day);
    const state = run.finishedAt !== null ? 'finished' : this.active.has(day) ? 'running' : 'unfinished';
    return {
      day,
      since: run.since,
      state,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      planned: Object.values(counts).reduce((sum, n) => sum + n, 0),
      sent: counts.sent,
      pending: counts.planned + counts.sending,
      failed: counts.failed,
      cancelled: counts.cancelled,
      result: run.finishedAt === null ? null : { planned: run.planned, sent: run.sent, failed: run.failed },
    };
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
    const reopened = this.outbox.reopenFailed(day, this.now());
    if (reopened > 0) log.info({ day, reopened }, 'reminders: failed mails of this day queued again');
    const started = Date.now();
    const plan = await this.plan(day, since);
    log.info(
      { day, since, planned: plan.planned, unsendable: plan.unsendable, ms: Date.now() - started },
      'reminders: planned',
    );
    const delivery = await this.deliver();
    // Stopped half-way: the day stays unfinished (the next run or the start-up catch-up completes it).
    const result = {
      day,
      since,
      planned: plan.planned,
      sent: delivery.sent,
      failed: delivery.failed + plan.unsendable,
    };
    if (!this.stopping) this.store.finishRun(day, result, nowIso());
    log.info(
      { ...result, transport: this.options.transport.description, ms: Date.now() - started },
      'reminders: run finished',
    );
    return result;
  }

  /** Stores each contact's digest for `day` that is not stored yet; returns how many were stored. */
  async plan(day: IsoDate, since: IsoDate = day): Promise<{ planned: number; unsendable: number }> {
    const counts = { planned: 0, unsendable: 0 };
    const ids = this.store.providerIds();
    const timelines = new DayTimelines(this.options.calendars, day);
    const parts = this.planningParts;
    // Each page is composed on the compose thread while the next one is built, and a batch of pages is stored once the
    // next batch is built: storing never waits for the thread, nor the thread for a store.
    let building: Promise<ReadyMail[]>[] = [];
    let built: Promise<ReadyMail[]>[] = [];
    const store = async (batch: Promise<ReadyMail[]>[]) => {
      const ready = (await Promise.all(batch)).flat();
      const stored = storeBuilt(parts, ready);
      counts.planned += stored.planned;
      counts.unsendable += stored.unsendable;
    };
    composePool.retain();
    try {
      for (let offset = 0; offset < ids.length && !this.stopping; offset += PAGE_SIZE) {
        const page = composeBuilt(buildPage(parts, ids.slice(offset, offset + PAGE_SIZE), day, since, timelines));
        // Its failure is seen when the commit awaits it; until then it must not count as unhandled.
        page.catch(() => {});
        building.push(page);
        if (building.length === PAGES_PER_COMMIT) {
          await store(built);
          [built, building] = [building, []];
        }
        // Planning is synchronous work: between pages the service answers its requests (and a stop is seen).
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Mails built before a stop are stored too: they are ready, and the next run would only build them again.
      await store(built);
      await store(building);
    } finally {
      // Between runs the thread is ended: an idle service does not keep its memory.
      await composePool.release();
    }
    return counts;
  }

  /** Sends every mail the outbox holds (see delivery.ts); returns what this process sent and what ended failed. */
  deliver(): Promise<{ sent: number; failed: number }> {
    return deliverOutbox({
      outbox: this.outbox,
      lease: this.lease,
      transport: this.options.transport,
      from: this.from.address,
      log: this.options.log,
      concurrency: this.concurrency,
      retry: this.retry,
      now: this.now,
      stopping: () => this.stopping,
    });
  }
}
