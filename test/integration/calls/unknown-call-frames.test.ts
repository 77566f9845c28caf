import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { connectGateway } from '../../helpers/gateway.js';
import { until } from '../../helpers/sockets.js';

// Found by the property-based fuzz (test/security/fuzz/cti.ts): `call.bridge_failed` about a call the
// server never heard of took the named agent off the line (not_ready), even one busy on a real call.
const TOKEN = 'test-cti-token-0123456789';
let t: TestApp;
let url: string;

beforeEach(async () => {
  t = await buildTestApp({ start: new Date().toISOString(), env: { CTI_TOKEN: TOKEN } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => t.close());

describe('frames about a call never offered', () => {
  it('call.bridge_failed for an unknown call leaves the agent and every call row as they were', async () => {
    const op1 = client(t, await t.login('operator1'));
    await op1.post('/api/agents/me/state', { state: 'ready' });
    const rows = () => t.database.sqlite.prepare('select * from agents order by user_id').all();
    const before = [rows(), t.database.sqlite.prepare('select * from calls').all()];
    const g = await connectGateway(url, TOKEN);
    g.send({ type: 'call.bridge_failed', callId: 'never-offered', agent: '1001', reason: 'no_answer' });
    // A refused frame after it: once its error is back, the frame before it has been handled.
    g.send({ type: 'marker' });
    await until(() => g.frames.some((f) => f.type === 'error'), 3000, 'the marker refused');
    await new Promise((r) => setTimeout(r, 20));
    expect([rows(), t.database.sqlite.prepare('select * from calls').all()]).toEqual(before);
    const admin = client(t, await t.login('admin'));
    expect((await admin.get('/api/agents')).json()).toContainEqual(
      expect.objectContaining({ agentNo: '1001', state: 'ready' }),
    );
    g.close();
  });
});
