import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isShed, requestQueue, type RequestQueueOptions } from '../../src/plugins/app/request-queue.js';

/** The queue only reads the URL and whether the client is still there. */
function request(url: string, destroyed = false): IncomingMessage {
  return { url, socket: { destroyed } } as unknown as IncomingMessage;
}
const response = {} as ServerResponse;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

function queue(opts: Partial<RequestQueueOptions>, work = 0) {
  const started: string[] = [];
  const listener = requestQueue(
    (req) => {
      started.push(req.url!);
      busy(work);
    },
    { turnBudgetMs: 5, maxWaitMs: 0, bypass: (url) => url === '/health', ...opts },
  );
  return { started, listener };
}

describe('request queue', () => {
  it('starts requests in arrival order, in the turn after they were read', async () => {
    const { started, listener } = queue({});
    for (let i = 0; i < 5; i++) listener(request(`/r/${i}`), response);
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual(['/r/0', '/r/1', '/r/2', '/r/3', '/r/4']);
  });

  it("ends a turn's share after its budget and keeps the order across turns", async () => {
    // 3 ms each against a 5 ms budget: two start in a turn (at 0 and 3 ms), the third would start past the budget.
    const { started, listener } = queue({ turnBudgetMs: 5 }, 3);
    for (let i = 0; i < 10; i++) listener(request(`/r/${i}`), response);
    await nextTurn();
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.length).toBeLessThanOrEqual(2);
    const afterFirstTurn = started.length;
    await nextTurn();
    expect(started.length).toBeGreaterThan(afterFirstTurn);
    for (let turn = 0; turn < 20 && started.length < 10; turn++) await nextTurn();
    expect(started).toEqual(Array.from({ length: 10 }, (_, i) => `/r/${i}`));
  });

  it('never sheds a lone request, however long the event loop was held up', async () => {
    const { started, listener } = queue({ maxWaitMs: 20 });
    const lone = request('/lone');
    listener(lone, response);
    busy(40); // first-request compilation, a garbage collection, another process on the CPU
    await nextTurn();
    expect(started).toEqual(['/lone']);
    expect(isShed(lone)).toBe(false);
  });

  it('marks a request that waited past the limit behind other waiting requests to be shed, and only that one', async () => {
    const { started, listener } = queue({ maxWaitMs: 20 });
    const first = request('/first');
    const behind = request('/behind');
    listener(first, response);
    listener(behind, response); // arrives while /first waits: its wait is the queue's
    busy(40);
    await nextTurn();
    const fresh = request('/fresh'); // the queue is empty again
    listener(fresh, response);
    await nextTurn();
    expect(started).toEqual(['/first', '/behind', '/fresh']);
    expect(isShed(first)).toBe(false);
    expect(isShed(behind)).toBe(true);
    expect(isShed(fresh)).toBe(false);
  });

  it('never sheds when the limit is 0', async () => {
    const { listener } = queue({ maxWaitMs: 0 });
    const late = request('/late');
    listener(late, response);
    busy(30);
    await nextTurn();
    expect(isShed(late)).toBe(false);
  });

  it('answers liveness checks at once, ahead of the queue, and skips a request whose client left', async () => {
    const { started, listener } = queue({});
    listener(request('/queued'), response);
    listener(request('/gone', true), response);
    listener(request('/health'), response);
    expect(started).toEqual(['/health']);
    await nextTurn();
    expect(started).toEqual(['/health', '/queued']);
  });
});
