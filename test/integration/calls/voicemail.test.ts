import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { connectGateway, leaveVoicemail } from '../../helpers/gateway.js';
import { openConsole, until } from '../../helpers/sockets.js';

const TOKEN = 'test-cti-token-0123456789';
let t: TestApp;
let url: string;
const cleanup: (() => void)[] = [];

beforeEach(async () => {
  t = await buildTestApp({ start: new Date().toISOString(), env: { CTI_TOKEN: TOKEN } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) fn();
  await t.close();
});

interface Task {
  id: number;
  phone: string;
  reason: string;
  attempts: number;
  status: string;
  voicemails: { callId: string; at: string; recording: { url: string; seconds: number | null } | null }[];
}

describe('a message left in the IVR (留言)', () => {
  it('becomes a callback task whose message the operators can hear, pushed live when the recording comes', async () => {
    const operator = client(t, await t.login('operator1'));
    const desk = openConsole(url, { token: await t.login('operator2') });
    cleanup.push(() => desk.socket.close());
    await desk.ready;
    const pushed: Task[] = [];
    (desk.socket as unknown as { on(e: string, f: (x: Task) => void): void }).on('callback:update', (x) =>
      pushed.push(x),
    );
    const g = await connectGateway(url, TOKEN);
    cleanup.push(() => g.close());

    await leaveVoicemail(g, 'v1', '13500004444');
    await until(() => pushed.length >= 1, 3000, 'the new task');
    // The call ended before the gateway sent its recording: the message is listed, not yet playable.
    expect(pushed[0]).toMatchObject({
      phone: '13500004444',
      reason: '语音留言',
      attempts: 1,
      status: 'open',
      voicemails: [{ callId: 'v1', recording: null }],
    });
    expect((await operator.get('/api/calls/v1')).json()).toMatchObject({ outcome: 'voicemail' });

    g.send({ type: 'call.recording', callId: 'v1', url: 'https://rec.example/v1.wav', seconds: 42 });
    await until(() => pushed.length >= 2, 3000, 'the recording pushed');
    expect(pushed[1]!.voicemails).toEqual([
      { callId: 'v1', at: expect.any(String), recording: { url: 'https://rec.example/v1.wav', seconds: 42 } },
    ]);

    // A second message from the number folds into the task; both are listed, oldest first.
    await leaveVoicemail(g, 'v2', '13500004444');
    await until(() => pushed.length >= 3, 3000, 'the second message');
    const [task] = (await operator.get('/api/callbacks')).json() as Task[];
    expect(task).toMatchObject({ attempts: 2, reason: '语音留言' });
    expect(task!.voicemails.map((v) => v.callId)).toEqual(['v1', 'v2']);

    // Closed, the number starts afresh: a new message opens a new task that lists only itself.
    await operator.post(`/api/callbacks/${task!.id}/close`, { outcome: '已回拨，问题已登记工单' });
    await leaveVoicemail(g, 'v3', '13500004444');
    let open: Task[] = [];
    await until(
      () => {
        void operator.get('/api/callbacks').then((r) => {
          open = r.json() as Task[];
        });
        return open.length === 1 && open[0]!.id !== task!.id;
      },
      3000,
      'the new task',
    );
    expect(open[0]!.voicemails.map((v) => v.callId)).toEqual(['v3']);
  });

  it('refuses a recording address that is not a web address, and keeps nothing of it', async () => {
    const operator = client(t, await t.login('operator1'));
    const g = await connectGateway(url, TOKEN);
    cleanup.push(() => g.close());
    await leaveVoicemail(g, 'v9', '13500005555');
    g.send({ type: 'call.recording', callId: 'v9', url: 'javascript:alert(1)', seconds: 3 });
    await until(() => g.frames.some((f) => f.type === 'error'), 3000, 'the refusal');
    expect((await operator.get('/api/calls/v9')).json()).toMatchObject({ recording: null });
  });
});
