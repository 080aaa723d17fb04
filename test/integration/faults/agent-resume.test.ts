/**
 * Fault suite, crash-resume: a child process runs an agent whose tool starts a paid job on a render server
 * (127.0.0.1) and waits on it; the child is killed with SIGKILL. Resuming the session, the model is told about
 * the job (id, state, the job tools) and goes on with it: the server counts one create, never two. Killed
 * before any job id came back, the model is told the call did not finish, and no job is invented.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../../src/core/agent/agent.js';
import type { ModelRequest } from '../../../src/core/model.js';
import { FileSessionStore } from '../../../src/node/index.js';
import { scriptedModel } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { type LocalServer, startLocalServer } from '../local-server.js';
import { renderTools } from './agent-resume-tools.js';
import { tsxChild } from './session-fault-helpers.js';

const tmp = useTempDir('faults-agent-resume-');
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A render server: counts creates and polls; `onCreate` / `onPoll` decide and may kill the child. */
async function renderServer(handlers: {
  onCreate: (response: ServerResponse) => void;
  onPoll: (id: string, response: ServerResponse) => void;
}): Promise<{ creates: () => number; polls: string[] }> {
  let creates = 0;
  const polls: string[] = [];
  server = await startLocalServer((request: IncomingMessage, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/jobs') {
        creates++;
        handlers.onCreate(response);
      } else {
        const id = decodeURIComponent(request.url?.split('/').pop() ?? '');
        polls.push(id);
        handlers.onPoll(id, response);
      }
    });
  });
  return { creates: () => creates, polls };
}

const send = (response: ServerResponse, body: unknown) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/** Starts the child writer and resolves once it has been killed with SIGKILL. */
function runChildUntilKilled(id: string, origin: string, kill: { now?: () => void }): Promise<void> {
  const child = tsxChild('agent-resume-child.ts', [tmp.path, id, origin]);
  kill.now = () => child.kill('SIGKILL');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the child ended without being killed (${signal})`)),
    );
  });
}

/** What the tool messages of a request say. */
function toolMessages(request: ModelRequest | undefined): { output: string; isError?: boolean }[] {
  return (request?.messages ?? []).flatMap((message) =>
    message.role === 'tool'
      ? message.content.map((part) => ({ output: part.output, ...(part.isError ? { isError: true } : {}) }))
      : [],
  );
}

describe('crash-resume with a paid job', () => {
  it('killed while its tool waits on an accepted job: the resumed model is told the job id, state and job tools, checks that job, and the server counts one create', async () => {
    const kill: { now?: () => void } = {};
    let resumed = false;
    const farm = await renderServer({
      onCreate: (response) => send(response, { id: 'job_77' }),
      onPoll: (id, response) => {
        if (!resumed) kill.now?.();
        send(response, { id, state: resumed ? 'succeeded' : 'pending' });
      },
    });
    const origin = server?.origin ?? '';
    await runChildUntilKilled('paid', origin, kill);
    expect(farm.creates()).toBe(1);
    resumed = true;

    // The resumed model goes on with a job it is told about, and starts a new one only if it is told of none.
    const model = scriptedModel([
      (request) =>
        toolMessages(request).some((message) => message.output.includes('job_77'))
          ? { toolCalls: [{ name: 'render_status', arguments: { job_id: 'job_77' } }] }
          : { toolCalls: [{ name: 'start_render', arguments: { prompt: 'a red kite at dusk' } }] },
      { text: 'Your kite video is ready.' },
    ]);
    const store = new FileSessionStore({ dir: tmp.path });
    const session = await store.open('paid');
    const result = await new Agent({ name: 'director', model, tools: renderTools(origin) }).run('Is it done?', {
      session,
    });
    await session.close();
    const [told] = toolMessages(model.requests[0]);
    expect(told?.isError).toBeUndefined();
    expect(JSON.parse(told?.output ?? '{}')).toMatchObject({
      interrupted: true,
      provider: 'render-farm',
      job_id: 'job_77',
      state: 'pending',
    });
    expect(told?.output).toContain('render_status');
    expect(told?.output).toContain('do not start a new one');
    expect(result.text).toBe('Your kite video is ready.');
    expect(farm.creates()).toBe(1);
    expect(farm.polls.at(-1)).toBe('job_77');
    // The session holds the job entry of the killed run, and the resumed run's check.
    const entries = await store.read('paid');
    expect(entries.filter((entry) => entry.type === 'job')).toHaveLength(1);
    expect(entries.some((entry) => entry.type === 'tool-call' && entry.name === 'render_status')).toBe(true);
  }, 30_000);

  it('killed while the create request was in flight (no job id came back): the resumed model is told the call did not finish, with no job named', async () => {
    const kill: { now?: () => void } = {};
    const farm = await renderServer({
      onCreate: () => kill.now?.(), // never answered
      onPoll: (id, response) => send(response, { id, state: 'pending' }),
    });
    await runChildUntilKilled('inflight', server?.origin ?? '', kill);
    expect(farm.creates()).toBe(1);
    const model = scriptedModel([{ text: 'The render did not start as far as I can tell; check the render farm.' }]);
    const session = await new FileSessionStore({ dir: tmp.path }).open('inflight');
    await new Agent({ name: 'director', model, tools: renderTools(server?.origin ?? '') }).run('Is it done?', {
      session,
    });
    await session.close();
    const [told] = toolMessages(model.requests[0]);
    expect(told?.isError).toBe(true);
    expect(told?.output).toMatch(/did not finish/);
    expect(told?.output).not.toMatch(/job_id/);
    expect(farm.creates()).toBe(1);
    expect(farm.polls).toEqual([]);
  }, 30_000);
});
