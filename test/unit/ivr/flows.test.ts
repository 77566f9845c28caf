import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  INPUT_NODE_TYPES,
  IvrFlowError,
  loadFlows,
  MERGE_MODES,
  mergeModeLineFlows,
  NODE_TYPES,
  SURVEY_FLOW_ID,
  validateFlow,
} from '../../../server/ivr/ivr.flow.js';

const SHIPPED = fileURLToPath(new URL('../../../ivr-flows', import.meta.url));

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes the given files into a fresh `…/ivr-flows` directory, so errors read `ivr-flows/<file>`. */
function flowDir(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'ivr-'));
  temps.push(root);
  const dir = join(root, 'ivr-flows');
  mkdirSync(dir);
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  }
  return dir;
}

/** A small valid flow: greeting, one menu, a queue with a callback overflow. */
function buildFlow(overrides: Record<string, unknown> = {}, nodes: Record<string, unknown> = {}) {
  return {
    id: 'test',
    lines: ['12345'],
    start: 'hello',
    nodes: {
      hello: { type: 'play', text: '您好', next: 'menu1' },
      menu1: {
        type: 'menu',
        prompt: '请按1',
        options: { '1': 'q' },
        timeout: 'q',
        invalid: 'q',
        retries: 1,
      },
      q: { type: 'queue', queue: 'general', maxWaitSec: 60, overflow: 'cb' },
      cb: { type: 'callback', reason: 'busy', next: 'bye' },
      bye: { type: 'hangup' },
      ...nodes,
    },
    ...overrides,
  };
}

function loadError(files: Record<string, unknown>, options = {}): IvrFlowError {
  try {
    loadFlows(flowDir(files), options);
  } catch (err) {
    expect(err).toBeInstanceOf(IvrFlowError);
    return err as IvrFlowError;
  }
  throw new Error('expected loadFlows to refuse');
}

describe('shipped flows', () => {
  it.each(MERGE_MODES)('load and validate with the 89000 line in %s mode', (mode) => {
    const set = loadFlows(SHIPPED, { lineFlows: mergeModeLineFlows(mode) });
    expect([...set.flows.keys()].sort()).toEqual([
      '12345-main',
      '89000-end',
      '89000-forward',
      '89000-parallel',
      'survey',
    ]);
    expect(set.byLine.get('12345')?.id).toBe('12345-main');
    expect(set.byLine.get('89000')?.id).toBe(`89000-${mode}`);
    expect(set.byLine.size).toBe(2);
    expect(set.flows.get(SURVEY_FLOW_ID)?.lines).toEqual([]);
    expect(set.files.get('12345-main')).toBe('ivr-flows/12345-main.json');
  });

  it('refuse to start when configuration does not pick the 89000 mode', () => {
    expect(() => loadFlows(SHIPPED)).toThrow(
      'ivr-flows: line "89000" is served by ivr-flows/89000-end.json, ivr-flows/89000-forward.json, ivr-flows/89000-parallel.json; configuration must pick one (lineFlows)',
    );
  });

  it('use every node type, and only menu, collect and queue wait for input', () => {
    const set = loadFlows(SHIPPED, { lineFlows: mergeModeLineFlows('parallel') });
    const used = new Set([...set.flows.values()].flatMap((f) => Object.values(f.nodes).map((n) => n.type)));
    expect(NODE_TYPES.filter((t) => !used.has(t))).toEqual([]);
    expect(INPUT_NODE_TYPES).toEqual(['menu', 'collect', 'queue']);
  });

  it('let configuration override the longest wait of a queue', () => {
    const set = loadFlows(SHIPPED, {
      lineFlows: mergeModeLineFlows('parallel'),
      queueMaxWaitSec: { general: 120 },
    });
    const main = set.flows.get('12345-main')!;
    expect(main.nodes.queue_general).toMatchObject({ maxWaitSec: 120 });
    expect(main.nodes.queue_enterprise).toMatchObject({ maxWaitSec: 30 });
    expect(set.flows.get('89000-parallel')!.nodes.queue_general).toMatchObject({ maxWaitSec: 120 });
  });
});

describe('loadFlows refuses a bad flow, naming file and node', () => {
  it('accepts the small valid flow used below', () => {
    const set = loadFlows(flowDir({ 'test.json': buildFlow() }));
    expect(set.byLine.get('12345')?.id).toBe('test');
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    [
      'a menu option to a missing node',
      {},
      {
        menu1: {
          type: 'menu',
          prompt: 'p',
          options: { '1': 'nope' },
          timeout: 'q',
          invalid: 'q',
          retries: 0,
        },
      },
      'ivr-flows/bad.json: node "menu1": target "nope" does not exist (options.1)',
    ],
    [
      'a queue overflow to a missing node',
      {},
      { q: { type: 'queue', queue: 'general', maxWaitSec: 60, overflow: 'gone' } },
      'ivr-flows/bad.json: node "q": target "gone" does not exist (overflow)',
    ],
    [
      'a callback whose withheld-number branch goes to a missing node',
      {},
      { cb: { type: 'callback', reason: 'busy', next: 'q', withheld: 'gone' } },
      'ivr-flows/bad.json: node "cb": target "gone" does not exist (withheld)',
    ],
    [
      'a missing start node',
      { start: 'nowhere' },
      {},
      'ivr-flows/bad.json: start: target "nowhere" does not exist',
    ],
    [
      'an unreachable node',
      {},
      { orphan: { type: 'play', text: '没人来', next: 'bye' } },
      'ivr-flows/bad.json: node "orphan": not reachable from start "hello"',
    ],
    [
      'a loop without input',
      {},
      {
        cb: { type: 'callback', reason: 'busy', next: 'again' },
        again: { type: 'play', text: '再说一遍', next: 'hours' },
        hours: { type: 'schedule', open: 'cb', closed: 'bye' },
      },
      'ivr-flows/bad.json: node "cb": loop without input: cb → again → hours → cb',
    ],
    [
      'a play that loops on itself',
      {},
      { hello: { type: 'play', text: '您好', next: 'hello' } },
      'ivr-flows/bad.json: node "hello": loop without input: hello → hello',
    ],
    [
      'a ticket_status reading a node that collects nothing',
      {},
      {
        cb: { type: 'callback', reason: 'busy', next: 'st' },
        st: { type: 'ticket_status', source: 'menu1', foundText: 'a', notFoundText: 'b', next: 'bye' },
      },
      'ivr-flows/bad.json: node "st": source "menu1" is not a collect node',
    ],
  ])('%s', (_name, overrides, nodes, message) => {
    const err = loadError({ 'bad.json': buildFlow(overrides, nodes) });
    expect(err.message).toBe(message);
    expect(err.file).toBe('ivr-flows/bad.json');
  });

  it('accepts a loop that passes through a menu', () => {
    const flow = buildFlow({}, { bye: { type: 'play', text: '再来', next: 'menu1' } });
    expect(() => loadFlows(flowDir({ 'ok.json': flow }))).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    [
      'a node missing a required field',
      buildFlow(
        {},
        { menu1: { type: 'menu', options: { '1': 'q' }, timeout: 'q', invalid: 'q', retries: 0 } },
      ),
      'ivr-flows/bad.json: node "menu1": /nodes/menu1/prompt: Expected required property',
    ],
    [
      'a menu key that is not one phone key',
      buildFlow(
        {},
        {
          menu1: {
            type: 'menu',
            prompt: 'p',
            options: { '12': 'q' },
            timeout: 'q',
            invalid: 'q',
            retries: 0,
          },
        },
      ),
      'ivr-flows/bad.json: node "menu1": /nodes/menu1/options/12: Unexpected property',
    ],
    [
      'negative retries',
      buildFlow(
        {},
        {
          menu1: {
            type: 'menu',
            prompt: 'p',
            options: { '1': 'q' },
            timeout: 'q',
            invalid: 'q',
            retries: -1,
          },
        },
      ),
      'ivr-flows/bad.json: node "menu1": /nodes/menu1/retries: Expected integer to be greater or equal to 0',
    ],
    [
      'an unknown node type',
      buildFlow({}, { q: { type: 'lottery', next: 'bye' } }),
      'ivr-flows/bad.json: node "q": /nodes/q/type: unknown node type "lottery"',
    ],
    [
      'a field a node type does not have',
      buildFlow({}, { bye: { type: 'hangup', next: 'hello' } }),
      'ivr-flows/bad.json: node "bye": /nodes/bye/next: Unexpected property',
    ],
    [
      'a survey result outside 1–3',
      buildFlow({}, { cb: { type: 'survey_result', satisfaction: 'great', next: 'bye' } }),
      'ivr-flows/bad.json: node "cb": /nodes/cb/satisfaction',
    ],
    [
      'a flow without lines',
      { ...buildFlow(), lines: undefined },
      'ivr-flows/bad.json: /lines: Expected required property',
    ],
    [
      'a line with letters',
      buildFlow({ lines: ['12a45'] }),
      'ivr-flows/bad.json: /lines/0: Expected string to match',
    ],
    [
      'an empty node map',
      buildFlow({ nodes: {} }),
      'ivr-flows/bad.json: /nodes: Expected object to have at least 1',
    ],
    [
      'an unknown top-level field',
      buildFlow({ mode: 'x' }),
      'ivr-flows/bad.json: /mode: Unexpected property',
    ],
    ['text that is not JSON', '{ "id": ', 'ivr-flows/bad.json: not valid JSON'],
  ])('refuses %s (schema)', (_name, body, message) => {
    const err = loadError({ 'bad.json': body });
    expect(err.message.startsWith(message), err.message).toBe(true);
  });

  it('refuses a line served by two flows unless configuration picks one', () => {
    const files = { 'a.json': buildFlow({ id: 'a' }), 'b.json': buildFlow({ id: 'b' }) };
    expect(loadError(files).message).toBe(
      'ivr-flows: line "12345" is served by ivr-flows/a.json, ivr-flows/b.json; configuration must pick one (lineFlows)',
    );
    const set = loadFlows(flowDir(files), { lineFlows: { '12345': 'b' } });
    expect(set.byLine.get('12345')?.id).toBe('b');
    expect(set.flows.has('a')).toBe(true);
  });

  it('refuses a configured line whose flow does not exist or does not list the line', () => {
    const files = { 'a.json': buildFlow({ id: 'a' }), 'b.json': buildFlow({ id: 'b', lines: ['89000'] }) };
    expect(loadError(files, { lineFlows: { '12345': 'c' } }).message).toBe(
      'ivr-flows: line "12345" is configured to flow "c", which does not exist',
    );
    expect(loadError(files, { lineFlows: { '12345': 'b' } }).message).toBe(
      'ivr-flows/b.json: line "12345" is configured to flow "b", which does not list it',
    );
  });

  it('refuses two files with the same flow id', () => {
    const files = { 'a.json': buildFlow(), 'b.json': buildFlow({ lines: ['89000'] }) };
    expect(loadError(files).message).toBe(
      'ivr-flows/b.json: flow id "test" is already used by ivr-flows/a.json',
    );
  });

  it('refuses an empty directory and a bad configured wait', () => {
    expect(loadError({}).message).toBe('ivr-flows: no flow files (*.json)');
    expect(loadError({ 'a.json': buildFlow() }, { queueMaxWaitSec: { general: 0 } }).message).toMatch(
      /^queueMaxWaitSec\.general: must be an integer/,
    );
  });

  it('validateFlow checks one parsed flow without touching the disk', () => {
    expect(validateFlow(buildFlow(), 'x.json').id).toBe('test');
    expect(() => validateFlow(buildFlow({ start: 'q2' }), 'x.json')).toThrow(
      'x.json: start: target "q2" does not exist',
    );
  });
});
