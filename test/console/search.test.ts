import { describe, expect, it } from 'vitest';
import {
  emptySearch,
  routeOfSearch,
  SEARCH_LINES,
  type SearchForm,
  STATUS_GROUPS,
  searchFromRoute,
  searchQuery,
} from '../../agent-console/src/views/search/search.js';
import { TICKET_STATUSES } from '../../server/tickets/tickets.machine.js';

const form = (over: Partial<SearchForm>): SearchForm => ({ ...emptySearch(), ...over });

describe('工单查询: the query a search form makes', () => {
  it.each([
    ['nothing filled', {}, {}],
    ['words, spaces squeezed', { q: '  供暖   温度 ' }, { q: '供暖 温度' }],
    ['a number typed with spaces and dashes', { phone: '139 0535-0001' }, { phone: '13905350001' }],
    ['several statuses', { statuses: ['dispatched', 'in_progress'] }, { status: 'dispatched,in_progress' }],
    [
      'type, urgency and light',
      { appealType: 'complaint', urgency: 'urgent', deadline: 'red' },
      { appealType: 'complaint', urgency: 'urgent', deadline: 'red' },
    ],
    ['a date range', { from: '2026-11-01', to: '2026-11-30' }, { from: '2026-11-01', to: '2026-11-30' }],
    ['the merged line', { line: '89000' }, { line: '89000' }],
    ['only blanks', { q: '   ', phone: ' - ' }, {}],
  ] as [string, Partial<SearchForm>, object][])('%s', (_name, filled, asked) => {
    expect(searchQuery(form(filled), 2, 50)).toEqual({ page: 2, pageSize: 50, sort: 'newest', ...asked });
  });

  it('keeps the words within the server’s 100 characters', () => {
    expect(searchQuery(form({ q: '字'.repeat(150) }), 1, 20).q).toHaveLength(100);
  });

  it('offers every status the server knows, each once', () => {
    const offered = STATUS_GROUPS.flatMap((g) => g.statuses);
    expect([...offered].sort()).toEqual([...TICKET_STATUSES].sort());
  });
});

describe('a search kept in the address', () => {
  it('comes back as it was filled, page and all', () => {
    const filled = form({
      q: '供暖',
      phone: '13905350001',
      statuses: ['dispatched', 'in_progress'],
      appealType: 'complaint',
      urgency: 'urgent',
      line: '89000',
      deadline: 'red',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    const address = routeOfSearch(filled, 3);
    expect(address).toEqual({
      q: '供暖',
      phone: '13905350001',
      status: 'dispatched,in_progress',
      appealType: 'complaint',
      urgency: 'urgent',
      line: '89000',
      deadline: 'red',
      from: '2026-11-01',
      to: '2026-11-30',
      page: '3',
    });
    expect(searchFromRoute(address)).toEqual({ form: filled, page: 3 });
  });

  it('leaves the first page and empty fields out of the address', () => {
    expect(routeOfSearch(form({ q: '噪音' }), 1)).toEqual({ q: '噪音' });
  });

  it('drops what it does not know', () => {
    expect(
      searchFromRoute({
        status: 'in_progress,bogus',
        urgency: 'x',
        from: 'yesterday',
        page: '-2',
        deadline: ['red', 'x'],
        line: '12',
      }),
    ).toEqual({ form: form({ statuses: ['in_progress'], deadline: 'red' }), page: 1 });
  });

  it.each([
    ['12345', '12345'],
    ['89000', '89000'],
    // Not a line the select offers: every line, as the form shows it.
    ['110', ''],
    ['89000x', ''],
    ['', ''],
  ])('reads the line %j from the address as %j', (given, line) => {
    expect(searchFromRoute({ line: given }).form.line).toBe(line);
  });

  it('offers 12345 first, then the merged 89000', () => {
    expect(SEARCH_LINES).toEqual(['12345', '89000']);
  });
});
