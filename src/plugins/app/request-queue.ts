import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Node 20 accepts one new connection per event-loop turn (libuv 1.45, "don't accept() connections in a loop"). A
 * server that answers, within the turn, every request it read in that turn makes a saturated turn as long as all of
 * them (200 busy connections × 0.5 ms = 100 ms), so new connections wait unseen in the kernel's accept queue for
 * seconds (measured: 8–10 s for the last of 200) where nothing can answer or shed them. The request queue starts
 * requests in arrival order but ends a turn's share after `turnBudgetMs`, leaving the rest for the next turns: turns
 * stay short, connections are accepted promptly, and each request's wait is known, so one that waited past
 * `maxWaitMs` is marked to be shed (answered 503 at once, see plugins/external/overload.ts).
 */
export interface RequestQueueOptions {
  /** Work started per event-loop turn before the rest waits for the next turn. */
  turnBudgetMs: number;
  /** A request that waited longer than this to start is shed; 0: never. */
  maxWaitMs: number;
  /** Requests answered at once, ahead of the queue (liveness checks): cheap, and they must answer under load. */
  bypass: (url: string) => boolean;
}

/** Requests the queue let wait past `maxWaitMs`: the overload plugin answers them 503 without doing their work. */
const waitedTooLong = new WeakSet<IncomingMessage>();

export function isShed(request: IncomingMessage): boolean {
  return waitedTooLong.has(request);
}

export function requestQueue(handler: RequestListener, opts: RequestQueueOptions): RequestListener {
  // When this turn's first queued request started; undefined until one starts. A turn is one pass over Node's
  // setImmediate queue: `newTurn`, queued as a turn's share begins, runs first in the next pass and resets it.
  let turnStarted: number | undefined;
  let turnSpent = false;
  const newTurn = () => {
    turnStarted = undefined;
    turnSpent = false;
  };

  const start = (request: IncomingMessage, response: ServerResponse, arrived: number) => {
    if (request.socket.destroyed) return; // the client left while it waited
    const now = performance.now();
    if (turnStarted === undefined) {
      turnStarted = now;
      setImmediate(newTurn);
    }
    if (turnSpent || now - turnStarted > opts.turnBudgetMs) {
      turnSpent = true; // and the requests behind this one wait too, so the order holds
      setImmediate(start, request, response, arrived);
      return;
    }
    if (opts.maxWaitMs > 0 && now - arrived > opts.maxWaitMs) waitedTooLong.add(request);
    handler(request, response);
  };

  return (request, response) => {
    if (opts.bypass(request.url ?? '/')) return handler(request, response);
    setImmediate(start, request, response, performance.now());
  };
}
