// The knowledge base (GET/POST/PATCH /api/knowledge): admins keep it, everyone on the line searches it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

type Article = {
  id: number;
  title: string;
  answer: string;
  keywords: string;
  disabled: boolean;
  updatedBy: string;
};

let t: TestApp;
let admin: ReturnType<typeof client>;
let operator: ReturnType<typeof client>;

beforeEach(async () => {
  t = await buildTestApp();
  admin = client(t, await t.login('admin'));
  operator = client(t, await t.login('operator1'));
});
afterEach(async () => t.close());

async function add(body: object): Promise<Article> {
  const res = await admin.post('/api/knowledge', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Article;
}
const titles = async (query: string, who = operator) => {
  const res = await who.get(`/api/knowledge${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Article[]).map((a) => a.title);
};

describe('the knowledge base', () => {
  beforeEach(async () => {
    await add({
      title: '居住证怎么办理',
      keywords: '暂住证',
      answer: '到居住地派出所户籍窗口办理。',
      source: '区公安分局',
    });
    await add({
      title: '社保卡丢了怎么补办',
      keywords: '社会保障卡 挂失',
      answer: '先挂失，再到银行网点补办。',
    });
    await add({
      title: '出生登记',
      keywords: '上户口',
      answer: '带出生医学证明到派出所办理，不需要居住证。',
    });
  });

  it('finds articles with every word, a title match first', async () => {
    expect(await titles('?q=居住证')).toEqual(['居住证怎么办理', '出生登记']);
    expect(await titles('?q=派出所 居住证')).toEqual(['居住证怎么办理', '出生登记']);
    expect(await titles('?q=暂住证')).toEqual(['居住证怎么办理']);
    expect(await titles(`?q=${encodeURIComponent('挂失，银行')}`)).toEqual(['社保卡丢了怎么补办']);
    expect(await titles('?q=驾驶证')).toEqual([]);
  });

  it('ranks a title match above a newer article that has the word in its keywords and answer', async () => {
    await add({ title: '落户办理', keywords: '居住证', answer: '持居住证满五年可申请。' });
    expect((await titles('?q=居住证'))[0]).toBe('居住证怎么办理');
  });

  it('finds full-width letters typed in a Chinese input method', async () => {
    await add({ title: '爱山东App怎么注册', answer: '在应用商店下载爱山东 App，用手机号注册。' });
    expect(await titles(`?q=${encodeURIComponent('爱山东ＡＰＰ')}`)).toEqual(['爱山东App怎么注册']);
  });

  it("takes the operator's % and _ literally", async () => {
    await add({ title: '100% 退款怎么办', answer: '按合同约定处理。' });
    expect(await titles(`?q=${encodeURIComponent('100%')}`)).toEqual(['100% 退款怎么办']);
    expect(await titles(`?q=${encodeURIComponent('%')}`)).toEqual(['100% 退款怎么办']);
    expect(await titles('?q=_')).toEqual([]);
  });

  it('lists the newest first without words, and keeps a disabled one from the line but not from admins', async () => {
    const [newest] = await titles('');
    expect(newest).toBe('出生登记');
    const [first] = (await operator
      .get('/api/knowledge?q=居住证怎么办理')
      .then((r) => r.json())) as Article[];
    const res = await admin.patch(`/api/knowledge/${first!.id}`, { disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Article).updatedBy).toBe('admin');
    expect(await titles('?q=居住证')).toEqual(['出生登记']);
    expect(await titles('?q=居住证&all=true', admin)).toEqual(['居住证怎么办理', '出生登记']);
    expect((await operator.get('/api/knowledge?all=true')).statusCode).toBe(403);
  });

  it('edits an article, and refuses a title another one has', async () => {
    const [a] = (await admin.get('/api/knowledge?q=出生登记').then((r) => r.json())) as Article[];
    const res = await admin.patch(`/api/knowledge/${a!.id}`, { answer: '出生一个月内到派出所办理。' });
    expect((res.json() as Article).answer).toBe('出生一个月内到派出所办理。');
    const taken = await admin.patch(`/api/knowledge/${a!.id}`, { title: ' 居住证怎么办理 ' });
    expect(taken.statusCode).toBe(409);
    expect((await admin.post('/api/knowledge', { title: '居住证怎么办理', answer: 'x' })).statusCode).toBe(
      409,
    );
  });

  it('answers 400 naming the field, 404 for no such article, and writes nothing', async () => {
    const before = await titles('', admin);
    for (const [body, field] of [
      [{ answer: '缺标题' }, 'title'],
      [{ title: '   ', answer: '空白标题' }, 'title'],
      [{ title: '\u200b\u200b', answer: '看不见的标题' }, 'title'],
      [{ title: '含\u0000控制字符', answer: 'x' }, 'title'],
      [{ title: '无答复' }, 'answer'],
      [{ title: '超长', answer: 'x'.repeat(4001) }, 'answer'],
      [{ title: '分类', answer: 'x', categoryId: 99999 }, 'categoryId'],
      [{ title: '多余', answer: 'x', views: 1 }, 'views'],
    ] as const) {
      const res = await admin.post('/api/knowledge', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain(field);
    }
    expect((await admin.patch('/api/knowledge/99999', { disabled: true })).statusCode).toBe(404);
    expect((await admin.patch('/api/knowledge/1', {})).statusCode).toBe(400);
    expect(await titles('', admin)).toEqual(before);
  });

  it('is kept by admins only', async () => {
    expect((await operator.post('/api/knowledge', { title: '新条目', answer: '答复' })).statusCode).toBe(403);
    const supervisor = client(t, await t.login('supervisor1'));
    expect((await supervisor.patch('/api/knowledge/1', { disabled: true })).statusCode).toBe(403);
    const handler = client(t, await t.login('handler.zjj'));
    expect((await handler.get('/api/knowledge?q=居住证')).statusCode).toBe(200);
  });
});

describe('a 直办 that quotes an article', () => {
  type Uses = { useCount: number; lastUsedAt: string | null };
  const answerWith = (knowledgeId: number, action = 'answer') =>
    operator.post('/api/tickets', {
      ...buildTicketInput({ appealType: 'consult' }),
      action,
      ...(action === 'answer' ? { answer: '到派出所办理。' } : {}),
      knowledgeId,
    });

  it('counts for the article, and the event says which', async () => {
    const a = await add({ title: '居住证怎么办理', answer: '到派出所办理。' });
    const res = await answerWith(a.id);
    expect(res.statusCode, res.body).toBe(201);
    const [after] = (await admin.get('/api/knowledge?q=居住证').then((r) => r.json())) as (Article & Uses)[];
    expect(after).toMatchObject({ useCount: 1, lastUsedAt: '2026-11-23T09:00:00.000+08:00' });
    const { no } = res.json() as { no: string };
    const detail = (await operator.get(`/api/tickets/${no}`)).json() as {
      events: { action: string; data?: { knowledgeId?: number } }[];
    };
    expect(detail.events.find((e) => e.action === 'answer')?.data?.knowledgeId).toBe(a.id);
  });

  it('refuses an article disabled since, naming knowledgeId, and registers nothing', async () => {
    const a = await add({ title: '旧政策', answer: '已废止。' });
    await admin.patch(`/api/knowledge/${a.id}`, { disabled: true });
    const before = ((await operator.get('/api/tickets').then((r) => r.json())) as { total: number }).total;
    for (const res of [await answerWith(a.id), await answerWith(99_999)]) {
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('knowledgeId');
    }
    expect(((await operator.get('/api/tickets').then((r) => r.json())) as { total: number }).total).toBe(
      before,
    );
  });

  it('takes knowledgeId only with a direct answer', async () => {
    const a = await add({ title: '居住证怎么办理', answer: '到派出所办理。' });
    const res = await answerWith(a.id, 'submit');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('knowledgeId');
  });
});
