import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CalendarSet } from '../../domain/calendar-set.js';
import type { IsoDate } from '../../domain/types.js';

declare module 'fastify' {
  interface FastifyInstance {
    calendars: CalendarSet;
    /** Today's date in Europe/Amsterdam, or the pinned TODAY. */
    today: () => IsoDate;
  }
}

/** The loaded calendars (validated at start-up) and the service's clock. */
async function calendars(
  fastify: FastifyInstance,
  opts: { calendars: CalendarSet; today: () => IsoDate },
): Promise<void> {
  fastify.decorate('calendars', opts.calendars);
  fastify.decorate('today', opts.today);
}

export default fp(calendars, { name: 'calendars' });
