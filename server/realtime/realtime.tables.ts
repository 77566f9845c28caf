import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who may see each durable event, written with the event: the rooms it went to live. Replay after a
 * reconnect reads the same rows, so a console gets exactly what it would have got had it stayed connected.
 */
export const eventAudience = sqliteTable(
  'event_audience',
  {
    seq: integer('seq').notNull(),
    room: text('room').notNull(),
  },
  (t) => [primaryKey({ columns: [t.seq, t.room] }), index('event_audience_room_idx').on(t.room, t.seq)],
);
