import { describe, expect, it } from 'vitest';
import { USER_ACTIONS } from '../../server/tickets/tickets.machine.js';
import { ACTORS, coveredEndpoints, MATRIX, matrixSize } from './authorization.matrix.js';
import { ACTION_BODIES, judge, specOf } from './authorization-requests.js';
import { send, type Target, t, ticket, useAuthorizationApp } from './authorization-setup.js';
import { renderMatrix } from './render-matrix.js';

useAuthorizationApp();

describe('the matrix covers the API', () => {
  it('has a line for every endpoint of the OpenAPI document, and no line for one that is gone', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
          documented.add(`${method.toUpperCase()} ${path}`);
      }
    }
    const covered = coveredEndpoints();
    expect(
      [...documented].filter((e) => !covered.has(e)),
      'endpoints missing from the matrix',
    ).toEqual([]);
    expect(
      [...covered].filter((e) => !documented.has(e)),
      'matrix lines for unknown endpoints',
    ).toEqual([]);
  });

  it('has a line for every ticket action', () => {
    const actions = new Set(MATRIX.filter((l) => l.endpoint.includes('/actions/')).map((l) => l.variant));
    expect(USER_ACTIONS.filter((a) => !actions.has(a))).toEqual([]);
  });

  it(`is rendered into docs/authorization.md (${matrixSize()} cells)`, async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/authorization.md', import.meta.url), 'utf8');
    expect(doc, 'docs/authorization.md is out of date: run npx tsx test/security/render-matrix.ts').toBe(
      renderMatrix(),
    );
  });
});

describe('HTTP: every role × endpoint × ticket kind', () => {
  const lines = MATRIX.filter((l) => !l.endpoint.startsWith('SOCKET'));
  it.each(
    lines.map(
      (l) => [`${l.endpoint} ${l.variant} [${l.kind}${l.state === '-' ? '' : `, ${l.state}`}]`, l] as const,
    ),
  )('%s', async (_name, line) => {
    const spec = specOf(line);
    let target: Target | null = null;
    const wrong: string[] = [];
    for (const actor of ACTORS) {
      target ??= await spec.prepare();
      const req = await spec.request(target, actor);
      const res = await send(actor, req);
      const problem = judge(line, actor, line.expect[actor], res, target);
      if (problem) wrong.push(problem);
      // A change that went through used the target up: the next actor gets a fresh one.
      if (req.method !== 'GET' && res.statusCode < 300) target = null;
    }
    expect(wrong).toEqual([]);
  });
});

describe('no existence oracle', () => {
  it('answers a department the same for a ticket of another department and for a number that does not exist', async () => {
    const other = await ticket('B', 'in_progress');
    const missing = 'PL20991231999999';
    for (const path of ['', '/actions/sign', '/actions/reply', '/actions/urge']) {
      const method = path ? 'POST' : 'GET';
      const body = path ? ACTION_BODIES[path.slice('/actions/'.length)] : undefined;
      const a = await send('handlerA', { method, url: `/api/tickets/${other.no}${path}`, body });
      const b = await send('handlerA', { method, url: `/api/tickets/${missing}${path}`, body });
      expect([a.statusCode, a.json().code]).toEqual([b.statusCode, b.json().code]);
      expect(a.statusCode).toBe(404);
    }
  });
});
