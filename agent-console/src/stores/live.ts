// The live connection: one socket.io client per tab, `lastSeq` kept across reloads and reconnects,
// ticket events handed to subscribers exactly once and in order. The bookkeeping is src/lib/live.ts.
import { defineStore } from 'pinia';
import { io, type Socket } from 'socket.io-client';
import { ref } from 'vue';
import { getToken } from '../api/client.js';
import { authApi } from '../api/index.js';
import type { LiveCommands, LiveEvents, LiveTicketEvent } from '../api/types.js';
import { initialSync, type SyncInput, type SyncState, stepSync } from '../lib/live.js';
import { useSessionStore } from './session.js';

const SEQ_KEY = 'hotline.lastSeq';

function readSeq(): number | null {
  try {
    const raw = sessionStorage.getItem(SEQ_KEY);
    const n = raw === null ? Number.NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : null;
  } catch {
    return null;
  }
}

function writeSeq(seq: number | null): void {
  try {
    if (seq === null) sessionStorage.removeItem(SEQ_KEY);
    else sessionStorage.setItem(SEQ_KEY, String(seq));
  } catch {
    // No storage: a reload then starts from the server's latest, and the views reload anyway.
  }
}

type Ephemeral = Exclude<keyof LiveEvents, 'ticket:event' | 'sync:ready' | 'sync:reload'>;

export const useLiveStore = defineStore('live', () => {
  /** The socket is up (false: show the banner 连接已断开，正在重连…). */
  const connected = ref(false);
  /** Replay is done since the last connect: lists loaded now miss nothing. */
  const ready = ref(false);
  /** At least one connection succeeded (so a down socket is a lost connection, not a slow start). */
  const everConnected = ref(false);
  const lastSeq = ref<number | null>(readSeq());

  let sync: SyncState = initialSync(lastSeq.value ?? 0);
  let socket: Socket<LiveEvents, LiveCommands> | null = null;
  const subscribers = new Set<(e: LiveTicketEvent) => void>();
  const reloaders = new Set<() => void>();
  let readyWaiters: (() => void)[] = [];
  const ephemeral = new Map<Ephemeral, Set<(...args: unknown[]) => void>>();
  const bound = new WeakMap<object, Set<Ephemeral>>();

  function step(input: SyncInput) {
    const out = stepSync(sync, input);
    sync = out.state;
    if (sync.lastSeq > 0 && sync.lastSeq !== lastSeq.value) {
      lastSeq.value = sync.lastSeq;
      writeSeq(sync.lastSeq);
    }
    return out;
  }

  /** Opens the connection (once); it reconnects by itself and replays what it missed by `lastSeq`. */
  function connect(): void {
    if (socket) return;
    const s: Socket<LiveEvents, LiveCommands> = io({
      path: '/socket.io/',
      transports: ['websocket'],
      // A function: every reconnect sends the newest lastSeq, not the one of the first connect.
      auth: (cb) => {
        const token = getToken();
        cb({ ...(token ? { token } : {}), ...(lastSeq.value !== null ? { lastSeq: lastSeq.value } : {}) });
      },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    socket = s;
    s.on('connect', () => {
      connected.value = true;
      everConnected.value = true;
      ready.value = false;
      step({ type: 'connect' });
    });
    s.on('disconnect', (reason) => {
      connected.value = false;
      ready.value = false;
      step({ type: 'disconnect' });
      // The server closed it on purpose (logout elsewhere, user disabled or moved): is the session alive?
      if (reason === 'io server disconnect' && socket === s) {
        authApi.me().then(
          () => s.connect(),
          () => undefined,
        );
      }
    });
    s.on('connect_error', (err) => {
      connected.value = false;
      if (err.message.startsWith('UNAUTHORIZED')) useSessionStore().expire();
    });
    s.on('ticket:event', (e) => {
      if (!step({ type: 'event', seq: e.seq }).deliver) return;
      for (const fn of subscribers) {
        try {
          fn(e);
        } catch (err) {
          console.error('live subscriber failed', err);
        }
      }
    });
    s.on('sync:ready', (e) => {
      step({ type: 'ready', lastSeq: e.lastSeq });
      ready.value = true;
      const waiters = readyWaiters;
      readyWaiters = [];
      for (const w of waiters) w();
    });
    s.on('sync:reload', (e) => {
      if (!step({ type: 'reload', latestSeq: e.latestSeq }).reload) return;
      for (const fn of reloaders) fn();
    });
    for (const event of ephemeral.keys()) bindEphemeral(event);
  }

  /** Closes the connection (logout). */
  function disconnect(): void {
    const s = socket;
    socket = null;
    s?.removeAllListeners();
    s?.disconnect();
    connected.value = false;
    ready.value = false;
  }

  /** Forgets `lastSeq` (a new login starts from the server's latest, with no replay). */
  function resetCursor(): void {
    lastSeq.value = null;
    sync = initialSync(0);
    writeSeq(null);
  }

  /** Every new `ticket:event` this user may see, once, in `seq` order. Returns the unsubscribe function. */
  function subscribe(fn: (e: LiveTicketEvent) => void): () => void {
    subscribers.add(fn);
    return () => subscribers.delete(fn);
  }

  /** Called when the server says too much was missed to replay: reload your data from the API. */
  function onReload(fn: () => void): () => void {
    reloaders.add(fn);
    return () => reloaders.delete(fn);
  }

  /** Ephemeral events (wallboard, screen pop, agent and queue states): never replayed. */
  function on<E extends Ephemeral>(event: E, fn: LiveEvents[E]): () => void {
    const handlers = ephemeral.get(event) ?? new Set();
    handlers.add(fn as (...args: unknown[]) => void);
    ephemeral.set(event, handlers);
    bindEphemeral(event);
    return () => handlers.delete(fn as (...args: unknown[]) => void);
  }
  function bindEphemeral(event: Ephemeral): void {
    if (!socket) return;
    const done = bound.get(socket) ?? new Set<Ephemeral>();
    if (done.has(event)) return;
    done.add(event);
    bound.set(socket, done);
    // socket.io's typed `on` cannot take a union of event names; every handler gets the payload as sent.
    (socket as unknown as { on(ev: string, fn: (...args: unknown[]) => void): void }).on(event, (...args) => {
      for (const fn of ephemeral.get(event) ?? []) fn(...args);
    });
  }

  /** Resolves once replay is done (at most `timeoutMs` later, so a list still loads when offline). */
  function whenReady(timeoutMs = 2000): Promise<void> {
    if (ready.value) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** True before the first `sync:ready` of this login: a list loaded now could miss an event. */
  const needsReady = () => lastSeq.value === null && !ready.value;

  return {
    connected,
    ready,
    everConnected,
    lastSeq,
    connect,
    disconnect,
    resetCursor,
    subscribe,
    onReload,
    on,
    whenReady,
    needsReady,
  };
});
