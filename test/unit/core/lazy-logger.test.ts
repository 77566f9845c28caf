import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyChild } from '../../../server/core/logger.js';

/** A pino logger at `level` whose lines land in the returned array. */
function logger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level }, stream), lines };
}
const flush = () => new Promise((r) => setImmediate(r));

describe("a request's lazy logger", () => {
  it('writes nothing for a level that is off, and makes no child for it', async () => {
    const { log, lines } = logger('warn');
    let children = 0;
    const child = log.child.bind(log);
    log.child = ((...a: Parameters<typeof child>) => {
      children += 1;
      return child(...a);
    }) as typeof log.child;
    const request = lazyChild(log, { reqId: 'r-1' }, {});
    request.info({ req: 'x' }, 'incoming request');
    request.debug('details');
    await flush();
    expect(lines).toEqual([]);
    expect(children).toBe(0);
  });

  it('writes a line with the request id for a level that is on', async () => {
    const { log, lines } = logger('warn');
    const request = lazyChild(log, { reqId: 'r-2' }, {});
    request.warn({ code: 'X' }, 'something odd');
    request.error('worse');
    await flush();
    expect(lines).toMatchObject([
      { level: 40, reqId: 'r-2', code: 'X', msg: 'something odd' },
      { level: 50, reqId: 'r-2', msg: 'worse' },
    ]);
  });

  it('follows a level changed on it, like a pino child', async () => {
    const { log, lines } = logger('warn');
    const request = lazyChild(log, { reqId: 'r-3' }, {});
    expect(request.level).toBe('warn');
    request.level = 'debug';
    request.debug('now on');
    await flush();
    expect(lines).toMatchObject([{ level: 20, reqId: 'r-3', msg: 'now on' }]);
    expect(log.level).toBe('warn');
  });

  it('passes its bindings on to a child of its own', async () => {
    const { log, lines } = logger('info');
    lazyChild(log, { reqId: 'r-4' }, {}).child({ part: 'sign' }).info('hello');
    await flush();
    expect(lines).toMatchObject([{ reqId: 'r-4', part: 'sign', msg: 'hello' }]);
  });
});
