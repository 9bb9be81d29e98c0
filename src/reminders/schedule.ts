import { DateTime } from 'luxon';
import { schedule, type ScheduledTask } from 'node-cron';
import { ZONE } from '../clock.js';
import { addDays, maxDate } from '../domain/plain-date.js';
import type { IsoDate } from '../domain/types.js';
import type { ReminderRunner, RunLog } from './run.js';

/** After a longer outage only the last week is caught up: older reminders are no use any more. */
export const CATCH_UP_DAYS = 7;

/**
 * Which run makes up for missed days: one digest per contact for `day`, with the reminders owed since `since`.
 * `todayDue`: today's scheduled time has passed (at a tick, or a start-up after it).
 */
export function catchUpRun(
  lastFinished: IsoDate | null,
  today: IsoDate,
  todayDue: boolean,
): { day: IsoDate; since: IsoDate } | null {
  const day = todayDue ? today : addDays(today, -1);
  // A database that never ran reminders has nothing to catch up: start with today's run.
  if (lastFinished === null) return todayDue ? { day, since: day } : null;
  if (lastFinished >= day) return null;
  return { day, since: maxDate(addDays(lastFinished, 1), addDays(day, -(CATCH_UP_DAYS - 1))) };
}

/**
 * The daily tick (node-cron, Europe/Amsterdam) and the start-up catch-up. node-cron remembers nothing across
 * restarts: what was run is in reminder_runs, so every tick and every start runs whatever is missing.
 */
export class ReminderSchedule {
  private task: ScheduledTask | null = null;

  constructor(
    private readonly runner: ReminderRunner,
    private readonly options: { cron: string; today: () => IsoDate; log: RunLog },
  ) {}

  start(): void {
    this.task = schedule(this.options.cron, () => this.catchUp(true), {
      timezone: ZONE,
      name: 'reminders',
      noOverlap: true,
    });
    const next = this.task.getNextRun();
    const realToday = DateTime.now().setZone(ZONE).toISODate();
    const todayDue = next === null || DateTime.fromJSDate(next).setZone(ZONE).toISODate() !== realToday;
    this.options.log.info({ cron: this.options.cron, nextRun: next?.toISOString() ?? null }, 'reminders: scheduled');
    void this.catchUp(todayDue);
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = null;
  }

  private async catchUp(todayDue: boolean): Promise<void> {
    const today = this.options.today();
    const run = catchUpRun(this.runner.lastFinishedDay(today), today, todayDue);
    if (run === null) return;
    if (run.since < run.day) this.options.log.warn(run, 'reminders: catching up missed days');
    try {
      await this.runner.runDay(run.day, run.since);
    } catch (error) {
      this.options.log.error({ err: error, ...run }, 'reminders: run failed; the next tick or start-up runs it again');
    }
  }
}
