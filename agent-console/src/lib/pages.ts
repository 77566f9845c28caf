// Reading a whole list from `GET /api/tickets` page by page: every view that needs more than one page uses it.
import type { Ticket, TicketPage } from '../api/types.js';

/** The largest `pageSize` `GET /api/tickets` accepts (tickets.schemas.ts `ListQuery`). */
export const MAX_PAGE_SIZE = 200;

/**
 * Loads every page of a list (`pageSize` at most 200 on the server): the first page says the total, then the
 * other pages are fetched `parallel` at a time (1: one after the other) and joined in page order, dropping a
 * ticket seen twice when rows shift between pages. Stops at `maxPages` (the total still says how many there are).
 */
export async function loadAllPages(
  fetchPage: (page: number, pageSize: number) => Promise<TicketPage>,
  opts: {
    pageSize?: number;
    maxPages?: number;
    parallel?: number;
    /** Told of the first page when more are coming (to show something while they load). */
    onFirstPage?: (page: TicketPage) => void;
  } = {},
): Promise<TicketPage> {
  const pageSize = Math.min(opts.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const maxPages = opts.maxPages ?? 50;
  const parallel = Math.max(1, opts.parallel ?? 3);
  const first = await fetchPage(1, pageSize);
  const pages: Ticket[][] = [first.items];
  let total = first.total;
  const last = Math.min(maxPages, Math.ceil(first.total / pageSize));
  if (first.items.length >= pageSize && last > 1) {
    opts.onFirstPage?.(first);
    let next = 2;
    const worker = async () => {
      while (next <= last) {
        const page = next++;
        const answer = await fetchPage(page, pageSize);
        pages[page - 1] = answer.items;
        total = Math.max(total, answer.total);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, last - 1) }, worker));
  }
  const seen = new Set<string>();
  const items: Ticket[] = [];
  for (const page of pages) {
    for (const t of page ?? []) {
      if (seen.has(t.no)) continue;
      seen.add(t.no);
      items.push(t);
    }
  }
  return { items, total: Math.max(total, items.length), page: 1, pageSize: items.length };
}
