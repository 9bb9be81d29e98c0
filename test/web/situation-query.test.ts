import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { parseSituation, situationQuery } from '../../src/web/situation-query.js';

describe('a situation in the address', () => {
  const calendars = loadCalendarSet();
  const parse = (query: string) => parseSituation(new URLSearchParams(query), calendars);

  it('takes a registered insurer without a document for any year the API accepts, and gives it back the same', () => {
    const query = 'kind=verloskunde&c%3Acz-groep%3A2027=existing&c%3Avgz%3A2027=new&c%3Amenzis%3A2027=none';
    const { situation, problems } = parse(query);
    expect(problems).toEqual([]);
    expect(situation.contracts).toEqual([
      { insurer: 'cz-groep', year: 2027, status: 'existing' },
      { insurer: 'vgz', year: 2027, status: 'new' },
    ]);
    expect(situationQuery(situation)).toBe('kind=verloskunde&c%3Acz-groep%3A2027=existing&c%3Avgz%3A2027=new');
    expect(parse(situationQuery(situation)).situation).toEqual(situation);
    // A year of an encoded insurer that has no document of its own: the law's dates, as the API allows.
    expect(parse('kind=verloskunde&c%3Acz-groep%3A2028=new').problems).toEqual([]);
  });

  it('refuses an unknown insurer or an impossible year with its own field error, and attributes a year without a document does not declare', () => {
    expect(parse('kind=verloskunde&c%3Anope%3A2027=new').problems).toEqual([
      { field: 'contracts', code: 'unknown-insurer' },
    ]);
    expect(parse('kind=verloskunde&c%3Avgz%3A1999=new').problems).toEqual([
      { field: 'contracts', code: 'unknown-insurer' },
    ]);
    expect(parse('kind=verloskunde&c%3Avgz%3A2027=maybe').problems).toEqual([
      { field: 'contracts', code: 'bad-value' },
    ]);
    expect(parse('kind=verloskunde&c%3Avgz%3A2027=new&a%3Avgz%3A2027%3Aorganisatievorm=loondienst').problems).toEqual([
      { field: 'a:vgz:2027:organisatievorm', code: 'bad-value' },
    ]);
  });
});
