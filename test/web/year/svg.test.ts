import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../src/domain/types.js';
import { yearPicture } from '../../../src/domain/year-picture.js';
import { legendSwatch, yearSvg } from '../../../src/web/year/svg.js';
import { yearWordsFor } from '../../../src/web/year/words.js';

/** The SVG drawing of the year picture: every text escaped, each source its own shape, no style or script. */
const item = (fields: Partial<TimelineItem>): TimelineItem =>
  ({
    id: 'x',
    calendar: 'own',
    insurer: '',
    title: { nl: 'Stap', en: 'Step' },
    actor: 'provider',
    type: 'own',
    due: '2026-06-01',
    time: null,
    window: null,
    status: 'upcoming',
    correction: undefined,
    ...fields,
  }) as TimelineItem;

const hostile = '<script>alert("x")</script> & \'co\'';

function svgOf(items: TimelineItem[]) {
  const picture = yearPicture(items, {
    contractYear: 2027,
    today: '2026-12-02',
    insurers: ['evil'],
    insurerName: () => hostile,
    ownLabel: 'Eigen data',
  });
  return yearSvg(picture, {
    titleId: 't',
    listId: 'l',
    caption: hostile,
    words: yearWordsFor('nl'),
    labelOf: () => hostile,
  });
}

describe('yearSvg', () => {
  it('escapes every text a tenant or a calendar can put in it', () => {
    const svg = svgOf([item({ id: 'own/1', title: { nl: hostile, en: hostile } })]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain(hostile);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(svg).not.toMatch(/\sstyle=|<style|\son[a-z]+=/);
  });

  it('draws each source as its own shape and outline, today as a dashed line, an empty row in words', () => {
    const svg = svgOf([
      item({ id: 'a', type: 'deadline', insurer: 'evil', due: '2026-03-01' }),
      item({ id: 'b', type: 'statutory', insurer: 'evil', due: '2026-04-01' }),
      item({ id: 'c', type: 'expected' as TimelineItem['type'], insurer: 'evil', due: '2026-05-01' }),
      item({ id: 'd', due: '2026-07-01', window: { from: '2026-06-01', to: '2026-07-01' }, status: 'done' }),
    ]);
    const entry = (source: string) =>
      new RegExp(`<g class="year-entry"[^>]*data-source="${source}"[^>]*>(.*?)</g>`, 's').exec(svg)?.[1] ?? '';
    expect(entry('document')).toMatch(/<circle [^>]*fill="#1d4f91"/);
    expect(entry('legal')).toMatch(/<rect [^>]*rotate\(45[^>]*fill="url\(#year-hatch-upcoming\)"/);
    expect(entry('expected')).toMatch(/<circle [^>]*fill="#fff"[^>]*stroke-dasharray="3 2"/);
    // Her own window: a dotted bar, done: the number carries a tick, not only the green.
    expect(entry('own')).toMatch(/<rect [^>]*stroke-dasharray="0.5 4"/);
    expect(entry('own')).toContain('>4✓</text>');
    expect(svg).toMatch(/<g class="year-today"><line [^>]*stroke-dasharray="6 3"/);
    expect(svgOf([])).toContain('>geen data</text>');
    // A date in the year's last days has its number on its left, inside the picture.
    expect(svgOf([item({ id: 'e', due: '2026-12-31' })])).toMatch(/<text [^>]*text-anchor="end"[^>]*>1<\/text>/);
    expect(svgOf([item({ id: 'e', due: '2026-12-01' })])).toMatch(/<text [^>]*text-anchor="start"[^>]*>1<\/text>/);
    for (const source of ['document', 'legal', 'expected', 'own'] as const)
      expect(legendSwatch(source)).toContain('aria-hidden="true"');
  });
});
