// The driver's journal: one JSON line per request that got a 2xx, appended and fsynced before the driver
// goes on, so what it says was acknowledged survives whatever happens to any process afterwards.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

export type JournalEntry =
  | { k: 'order'; orderNo: string; ticketNo: string; t: number }
  | { k: 'action'; ticketNo: string; action: string; note?: string; t: number };

/** Opens a journal for appending; every `append` is on disk when it returns. */
export function openJournal(path: string) {
  const fd = openSync(path, 'a');
  return {
    append(entry: JournalEntry): void {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}

/** Reads a journal; a torn last line (a writer killed mid-write) is ignored. */
export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  const out: JournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as JournalEntry);
    } catch {
      // torn line
    }
  }
  return out;
}
