import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../src/domain/types.js';
import { timelineChanges } from '../../src/webhooks/payloads.js';

const item = (id: string, due: string | null, status: string) => ({ id, due, status }) as unknown as TimelineItem;

describe('timelineChanges', () => {
  it('names the items that are new, gone, or have another due date or status, and no others', () => {
    const before = [
      item('a', '2026-06-01', 'upcoming'),
      item('b', '2026-07-01', 'upcoming'),
      item('c', null, 'waiting'),
    ];
    const after = [
      item('a', '2026-06-01', 'done'),
      item('b', '2026-07-01', 'upcoming'),
      item('c', '2026-08-01', 'upcoming'),
      item('d', '2026-09-01', 'upcoming'),
    ];
    expect(timelineChanges(before, after)).toEqual([
      { id: 'a', dueBefore: '2026-06-01', dueAfter: '2026-06-01', statusBefore: 'upcoming', statusAfter: 'done' },
      { id: 'c', dueBefore: null, dueAfter: '2026-08-01', statusBefore: 'waiting', statusAfter: 'upcoming' },
      { id: 'd', dueBefore: null, dueAfter: '2026-09-01', statusBefore: null, statusAfter: 'upcoming' },
    ]);
    expect(timelineChanges(after, before).map((c) => c.id)).toEqual(['a', 'c', 'd']);
    expect(timelineChanges(before, before)).toEqual([]);
  });
});
