// Baseline of the realtime benchmark: a bare socket.io server (no app, no database) on a free port.
// Consoles name their rooms in the handshake; `POST /emit {rooms, action, ticketNo}` broadcasts a copy of
// the payload template (`POST /template`, a real payload) stamped with a seq and the time, as the app does
// after a commit. Prints {port}; stops on SIGTERM or when stdin closes.
import http from 'node:http';
import { Server } from 'socket.io';
import { toIso } from '../../server/core/clock.js';
import type { TicketEventPayload } from '../../server/realtime/realtime.contract.js';

let template: TicketEventPayload | null = null;
let seq = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    if (req.url === '/template') template = body as unknown as TicketEventPayload;
    else if (req.url === '/emit' && template) {
      const { rooms, action, ticketNo } = body as { rooms: string[]; action: string; ticketNo: string };
      seq += 1;
      io.to(rooms).emit('ticket:event', { ...template, seq, action, ticketNo, at: toIso(Date.now()) });
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

const io = new Server(server, {
  serveClient: false,
  transports: ['websocket'],
  pingInterval: 20_000,
  pingTimeout: 20_000,
  maxHttpBufferSize: 1e5,
});
io.on('connection', (socket) => {
  const { rooms } = socket.handshake.auth as { rooms?: string[] };
  void socket.join(rooms ?? []);
  socket.emit('sync:ready', { lastSeq: seq, replayed: 0 });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});

const stop = () => {
  void io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
