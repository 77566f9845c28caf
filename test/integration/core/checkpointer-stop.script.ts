// Run by checkpointer.test.ts in a process of its own: a script that only opens a database, starts the checkpoint
// thread, stops it and closes the database must get to the end (it once exited inside `await stop()`, code 13).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointer } from '../../../server/core/checkpointer.js';
import { openDatabase } from '../../../server/core/db.js';

const dir = mkdtempSync(join(tmpdir(), 'checkpointer-stop-'));
const database = openDatabase(join(dir, 'c.db'));
await startCheckpointer(database.sqlite)!.stop();
database.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write('closed\n');
