import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Node 20 accepts one new connection per event-loop turn (libuv 1.45, "don't accept() connections in a loop"). A
 * server that answers, within the turn, every request it read in that turn makes a saturated turn as long as all of
 * them (200 busy connections × 0.5 ms = 100 ms), so new connections wait unseen in the kernel's accept queue for
 * seconds (measured: 8–10 s for the last of 200) where nothing can answer or shed them. The request queue starts
 * requests in arrival order but ends a turn's share after `turnBudgetMs`, leaving the rest for the next turns: turns
 * stay short, connections are accepted promptly, and each request's wait is known.
 *
 * Shedding rests on our own queue only: a request is shed (answered 503 at once, see plugins/external/overload.ts)
 * when it waited past `maxWaitMs` behind other requests, i.e. when requests were already waiting for their turn as it
 * arrived. A request with nothing queued before it is always served, however long the event loop was held up
 * (first-request compilation, a garbage collection, other processes on the CPU): its wait was not caused by load
 * it could relieve. Own code, not a library: it has to sit in the server's `request` listener, ahead of Fastify, to
 * keep turns short and to know each request's wait; p-queue and @fastify/under-pressure see neither.
 */
export interface RequestQueueOptions {
  /** Work started per event-loop turn before the rest waits for the next turn. */
  turnBudgetMs: number;
  /** A request that waited longer than this behind other waiting requests is shed; 0: never. */
  maxWaitMs: number;
  /** Requests answered at once, ahead of the queue (liveness checks): cheap, and they must answer under load. */
  bypass: (url: string) => boolean;
}

/** Requests the queue let wait past `maxWaitMs`: the overload plugin answers them 503 without doing their work. */
const waitedTooLong = new WeakSet<IncomingMessage>();

export function isShed(request: IncomingMessage): boolean {
  return waitedTooLong.has(request);
}

/** What the queue holds now, for metrics and tests. */
export interface QueueState {
  /** Requests waiting for their turn. */
  waiting: number;
  /** Milliseconds the oldest waiting request has waited; 0 when none waits. */
  oldestWaitMs: number;
}

export interface RequestQueue extends RequestListener {
  state: () => QueueState;
}

export function requestQueue(handler: RequestListener, opts: RequestQueueOptions): RequestQueue {
  // When this turn's first queued request started; undefined until one starts. A turn is one pass over Node's
  // setImmediate queue: `newTurn`, queued as a turn's share begins, runs first in the next pass and resets it.
  let turnStarted: number | undefined;
  let turnSpent = false;
  const newTurn = () => {
    turnStarted = undefined;
    turnSpent = false;
  };
  // Arrival times of the requests waiting for their turn, oldest first (they start in arrival order).
  const arrivals: number[] = [];
  let head = 0;
  const dequeue = () => {
    head++;
    if (head > 1024 && head * 2 > arrivals.length) {
      arrivals.splice(0, head);
      head = 0;
    }
  };

  const start = (request: IncomingMessage, response: ServerResponse, arrived: number, behind: boolean) => {
    if (request.socket.destroyed) return dequeue(); // the client left while it waited
    const now = performance.now();
    if (turnStarted === undefined) {
      turnStarted = now;
      setImmediate(newTurn);
    }
    if (turnSpent || now - turnStarted > opts.turnBudgetMs) {
      turnSpent = true; // and the requests behind this one wait too, so the order holds
      setImmediate(start, request, response, arrived, behind);
      return;
    }
    dequeue();
    if (behind && opts.maxWaitMs > 0 && now - arrived > opts.maxWaitMs) waitedTooLong.add(request);
    handler(request, response);
  };

  const listener: RequestQueue = (request, response) => {
    if (opts.bypass(request.url ?? '/')) return handler(request, response);
    const now = performance.now();
    const behind = arrivals.length > head; // others were waiting already: its wait is the queue's
    arrivals.push(now);
    setImmediate(start, request, response, now, behind);
  };
  listener.state = () => ({
    waiting: arrivals.length - head,
    oldestWaitMs: arrivals.length > head ? performance.now() - arrivals[head]! : 0,
  });
  return listener;
}
