// End to end in Debian's Chromium against a real server, with a test gateway speaking CTI v1: what callers said
// reaches the people who act on it.
// - A caller finds nobody on duty and leaves a message (留言). The operator's 漏接回拨 list shows it live, first
//   as being processed, then, when the gateway sends the recording, as a link to listen to.
// - A ticket registered from a call shows the call and its recording (关联来电) to a supervisor, and not to the
//   department working it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildTicketInput } from '../helpers/factories.js';
import { connectGateway, leaveVoicemail } from '../helpers/gateway.js';
import { CHROMIUM, E2ESession, launchBrowser, tid } from './harness/browser.js';
import { type E2EServer, startServer, type Ticket } from './harness/server.js';

const TOKEN = 'e2e-cti-token-0123456789';

/** A quarter second of silence as a WAV file (8 kHz, 8-bit mono): what the telephony platform's recording store serves. */
function silentWav(): Buffer {
  const samples = 2000;
  const b = Buffer.alloc(44 + samples, 0x80);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples, 40);
  return b;
}

describe.skipIf(!CHROMIUM)('来电留言与录音', () => {
  let server: E2EServer;
  let browser: Browser;
  let session: E2ESession;
  // The recording store: another origin than the console's, as the telephony platform is.
  let store: Server;
  let storeUrl: string;

  beforeAll(async () => {
    const wav = silentWav();
    store = createServer((_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav));
    await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
    storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
    [server, browser] = await Promise.all([startServer({ env: { CTI_TOKEN: TOKEN } }), launchBrowser()]);
    session = new E2ESession(browser, server.url, 'call-records');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
    store?.close();
  });

  it('reaches the operator’s callback list live, and its recording becomes a link to listen to', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const operator = await session.user('operator1');
    await operator.login('desk');
    await operator.el('tab-callbacks').click();
    await operator.el('callback-empty').waitFor();

    const g = await connectGateway(server.url, TOKEN);
    try {
      await leaveVoicemail(g, 'vm1', '13500006666');

      const item = operator.el('callback-voicemail-vm1');
      await item.waitFor();
      expect(await item.textContent()).toContain('留言录音处理中');
      expect(await operator.page.locator(tid('callback-list')).textContent()).toContain('语音留言');
      await operator.shot('voicemail-pending');

      g.send({ type: 'call.recording', callId: 'vm1', url: 'https://rec.example/vm1.wav', seconds: 65 });
      const link = operator.el('callback-voicemail-link-vm1');
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe('https://rec.example/vm1.wav');
      expect(await item.textContent()).toContain('1分05秒');
      expect(await operator.el('callback-count').textContent()).toContain('1');
      await operator.shot('voicemail-ready');
    } finally {
      g.close();
    }
    session.check();
  }, 90_000);

  it('shows a ticket’s call and its recording to a supervisor, and no call records to the department', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const operator = await server.api('operator1');
    await operator.post('/api/agents/me/state', { state: 'ready' });
    const g = await connectGateway(server.url, TOKEN);
    let no = '';
    try {
      g.send({
        type: 'call.offered',
        callId: 'rc1',
        from: '13500007777',
        to: '12345',
        at: new Date().toISOString(),
      });
      g.send({ type: 'call.input', callId: 'rc1', digits: '0' });
      await expect.poll(() => g.commandsFor('rc1').some((f) => f.type === 'bridge')).toBe(true);
      g.send({ type: 'call.answered', callId: 'rc1', agent: '1001' });
      no = (
        await operator.post<{ no: string }>(
          '/api/tickets',
          buildTicketInput({ caller: { name: '李四', phone: '13500007777' }, callId: 'rc1' }),
        )
      ).no;
      g.send({ type: 'call.ended', callId: 'rc1', reason: 'hangup', at: new Date().toISOString() });
      g.send({ type: 'call.recording', callId: 'rc1', url: `${storeUrl}/rc1.wav`, seconds: 200 });
      await expect
        .poll(async () => (await operator.get<{ recording: unknown }>('/api/calls/rc1')).recording)
        .not.toBeNull();
    } finally {
      g.close();
    }
    await operator.act(no, 'submit');
    const departments = await operator.get<{ id: number; code: string }[]>('/api/departments');
    await (await server.api('dispatcher1')).act(no, 'dispatch', {
      lead: departments.find((d) => d.code === 'zjj')!.id,
    });

    const supervisor = await session.user('supervisor1');
    await supervisor.login('supervision');
    await supervisor.page.goto(`${server.url}/tickets/${no}`);
    const row = supervisor.el('ticket-call-rc1');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/已接通.*收听录音/);
    expect(await supervisor.el('ticket-call-recording-rc1').getAttribute('href')).toBe(`${storeUrl}/rc1.wav`);
    // Heard on the page: the player streams from the platform's address, which the page's media-src allows (a
    // refused source would be a console error, failing the session).
    await supervisor.el('ticket-call-recording-rc1-play').click();
    const player = supervisor.el('ticket-call-recording-rc1-audio');
    await player.waitFor();
    expect(await player.getAttribute('src')).toBe(`${storeUrl}/rc1.wav`);
    // It loads: the audio's length is known (a refused or failed source never gets one).
    await expect
      .poll(() =>
        player.evaluate((a) => {
          const { duration } = a as unknown as { duration: number };
          return Number.isFinite(duration) ? duration : 0;
        }),
      )
      .toBeCloseTo(0.25, 2);
    await supervisor.shot('ticket-calls');

    const handler = await session.user('handler.zjj');
    await handler.login('inbox');
    await handler.page.goto(`${server.url}/tickets/${no}`);
    await handler.page.getByText('流转记录').waitFor();
    expect(await handler.page.locator(tid('ticket-calls')).count()).toBe(0);
    session.check();
  }, 90_000);
  it('lets the operator record a caller ringing again on the open ticket (市民来电催办), linked to the call', async () => {
    onTestFailed(() => session.shootAll('failed'));
    const phone = '13500008888';
    const op2 = await server.api('operator2');
    const { no } = await op2.post<{ no: string }>(
      '/api/tickets',
      buildTicketInput({ caller: { name: '赵六', phone }, title: '小区路灯不亮' }),
    );
    await op2.act(no, 'submit');
    const departments = await op2.get<{ id: number; code: string }[]>('/api/departments');
    await (await server.api('dispatcher1')).act(no, 'dispatch', {
      lead: departments.find((d) => d.code === 'zjj')!.id,
    });
    // Only operator2 takes this call.
    await (await server.api('operator1')).post('/api/agents/me/state', { state: 'not_ready' });

    const desk = await session.user('operator2');
    await desk.login('desk');
    await op2.post('/api/agents/me/state', { state: 'ready' });
    const g = await connectGateway(server.url, TOKEN);
    try {
      g.send({ type: 'call.offered', callId: 'cu1', from: phone, to: '12345', at: new Date().toISOString() });
      g.send({ type: 'call.input', callId: 'cu1', digits: '0' });
      await expect.poll(() => g.commandsFor('cu1').some((f) => f.type === 'bridge')).toBe(true);
      g.send({ type: 'call.answered', callId: 'cu1', agent: '1002' });

      // The form follows the call; the number's open ticket shows in the 30-day hint.
      const urgeButton = desk.el(`duplicate-urge-${no}`);
      await urgeButton.waitFor();
      await desk.shot('caller-again-hint');
      await urgeButton.click();
      const dialog = desk.el('action-dialog-caller_urge');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('并关联本次来电');
      await desk.el('field-urge-message').fill('市民反映路灯仍不亮，要求尽快维修');
      await desk.page.waitForTimeout(400); // the dialog's opening animation, for the screenshot
      await desk.shot('caller-urge-dialog');
      await dialog.locator(tid('action-submit')).click();
      await desk.page.locator('.el-message--success', { hasText: '市民来电催办成功' }).waitFor();

      const detail = await op2.get<Ticket & { callIds: string[]; counters: { urges: number } }>(
        `/api/tickets/${no}`,
      );
      expect(detail.callIds).toEqual(['cu1']);
      expect(detail.counters.urges).toBe(1);
      expect(detail.events?.at(-1)).toMatchObject({ action: 'caller_urge' });
      await expect.poll(async () => desk.el(`duplicate-row-${no}`).textContent()).toContain('已催 1 次');
    } finally {
      g.close();
    }
    session.check();
  }, 90_000);
});
