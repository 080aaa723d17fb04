import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type McpToolResult, type McpToolSet, mcpToolset } from '../../src/mcp/index.js';
import { server as msw } from '../msw.js';
import { callTool } from '../node/toolsets/call-tool.js';

const SERVER = fileURLToPath(new URL('./test-server.mjs', import.meta.url));
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const stdio = { command: process.execPath, args: [SERVER, 'stdio'], stderr: 'ignore' as const };
let dir: string;
const open: McpToolSet[] = [];

async function connect(options: Parameters<typeof mcpToolset>[0]): Promise<McpToolSet> {
  const tools = await mcpToolset(options);
  open.push(tools);
  return tools;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hello-dave-mcp-'));
});

afterAll(async () => {
  await Promise.all(open.map((tools) => tools.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('mcpToolset over stdio (a real server process)', () => {
  let tools: McpToolSet;
  beforeAll(async () => {
    tools = await connect({ ...stdio, prefix: 'srv_', mediaDir: path.join(dir, 'media') });
  }, 20_000);

  it('lists the tools with names made usable and the JSON Schema passed through', () => {
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'srv_add',
      'srv_pixel',
      'srv_fail',
      'srv_pid',
      'srv_slow',
      'srv_crash',
      'srv_get_weather',
    ]);
    const add = tools.get('srv_add');
    expect(add?.description).toBe('Adds two numbers.');
    expect(add?.spec().inputSchema).toMatchObject({
      type: 'object',
      properties: { a: { type: 'number', description: 'first' }, b: { type: 'number' } },
      required: ['a', 'b'],
    });
  });

  it('calls a tool; a server-side error (isError) and invalid arguments come back as error results', async () => {
    const sum = await callTool(tools, 'srv_add', { a: 2, b: 3 });
    expect(sum.result).toMatchObject({ output: '5' });
    expect(sum.result.isError).toBeUndefined();
    const failed = await callTool(tools, 'srv_fail', {});
    expect(failed.result).toMatchObject({ isError: true, output: expect.stringMatching(/the disk is on fire/) });
    const invalid = await callTool(tools, 'srv_add', { a: 'two', b: 3 });
    expect(invalid.result).toMatchObject({ isError: true, output: expect.stringMatching(/Invalid arguments|a/) });
    expect((await callTool(tools, 'srv_get_weather', {})).result.output).toBe('sunny');
  });

  it('maps images: described for the model, bytes kept for the app, saved to mediaDir', async () => {
    const outcome = await callTool(tools, 'srv_pixel', {});
    const value = outcome.value as McpToolResult;
    expect(value.text).toEqual(['a red pixel']);
    expect(value.media).toHaveLength(1);
    expect(value.media[0]).toMatchObject({ kind: 'image', mimeType: 'image/png', bytes: PIXEL.length });
    expect(Buffer.from(value.media[0]?.data ?? '', 'base64')).toEqual(PIXEL);
    expect(await readFile(value.media[0]?.path ?? '')).toEqual(PIXEL);
    expect(value.resources).toEqual([{ uri: 'file:///pixel.png' }]);
    expect(outcome.result.output).toBe(
      `a red pixel\n[image image/png, ${PIXEL.length} bytes, saved as ${value.media[0]?.path}]\n[resource file:///pixel.png (pixel.png)]`,
    );
    expect(outcome.result.output).not.toContain(PIXEL.toString('base64'));
  });

  it('respawns the server on the next call after it died', async () => {
    const first = Number((await callTool(tools, 'srv_pid', {})).result.output);
    await callTool(tools, 'srv_crash', {});
    for (let i = 0; i < 100 && alive(first); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive(first)).toBe(false);
    const second = Number((await callTool(tools, 'srv_pid', {})).result.output);
    expect(second).toBeGreaterThan(0);
    expect(second).not.toBe(first);
  }, 20_000);
});

describe('mcpToolset: approval, time limit, reconnect limit, close', () => {
  it('asks for approval per tool (by name, or from the server annotations)', async () => {
    const byName = await connect({ ...stdio, needsApproval: ['add'] });
    expect((await callTool(byName, 'add', { a: 1, b: 1 })).status).toBe('refused');
    expect((await callTool(byName, 'add', { a: 1, b: 1 }, { approved: true })).result.output).toBe('2');
    expect((await callTool(byName, 'get_weather', {})).status).toBe('ok');
    const byHint = await connect({ ...stdio, needsApproval: (tool) => tool.annotations?.readOnlyHint !== true });
    expect(byHint.tools.filter((tool) => tool.approval === 'always').map((tool) => tool.name)).toEqual([
      'fail',
      'pid',
      'slow',
      'crash',
      'get_weather',
    ]);
  }, 20_000);

  it('stops a call at the time limit and keeps the connection for the next one; include filters', async () => {
    const tools = await connect({ ...stdio, timeoutMs: 300, include: ['slow', 'add'] });
    expect(tools.tools.map((tool) => tool.name)).toEqual(['add', 'slow']);
    const slow = await callTool(tools, 'slow', { ms: 5000 });
    expect(slow.status).toBe('timeout');
    expect(slow.result.output).toMatch(/slow timed out after 300 ms/);
    expect((await callTool(tools, 'add', { a: 20, b: 22 })).result.output).toBe('42');
  }, 20_000);

  it('gives up after maxAttempts reconnects in a row, with an error result that says so', async () => {
    const marker = path.join(dir, 'server-broken');
    const tools = await connect({
      ...stdio,
      env: { EXIT_IF_EXISTS: marker },
      reconnect: { maxAttempts: 2, baseDelayMs: 10 },
    });
    await writeFile(marker, '');
    await callTool(tools, 'crash', {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    const attempts = [];
    for (let i = 0; i < 3; i++) attempts.push((await callTool(tools, 'pid', {})).result.output);
    expect(attempts[0]).toMatch(/ConnectionError: mcp: .*could not connect/);
    expect(attempts[1]).toMatch(/could not connect/);
    expect(attempts[2]).toMatch(/dropped 2 times in a row; not reconnected again/);
  }, 20_000);

  it('close() ends the server process; later calls are refused as tool results', async () => {
    const tools = await connect(stdio);
    const pid = Number((await callTool(tools, 'pid', {})).result.output);
    await tools.close();
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive(pid)).toBe(false);
    const after = await callTool(tools, 'pid', {});
    expect(after.result).toMatchObject({ isError: true, output: expect.stringMatching(/was closed/) });
  }, 20_000);
});

describe('mcpToolset over streamable HTTP on 127.0.0.1 (a real server process)', () => {
  let server: ChildProcess | undefined;

  async function startHttpServer(port = 0): Promise<number> {
    const child = spawn(process.execPath, [SERVER, 'http', String(port)], { stdio: ['ignore', 'pipe', 'ignore'] });
    server = child;
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`the test server exited (${code})`)));
    });
  }

  async function stopHttpServer() {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  }

  // The unit tests' msw intercepts fetch (and its passthrough stalls the SDK's event streams): off for a real server.
  beforeAll(() => msw.close());
  afterAll(async () => {
    await stopHttpServer();
    msw.listen({ onUnhandledRequest: 'error' });
  });

  it('lists and calls tools, maps images, and reconnects on the next call after the server restarted', async () => {
    const port = await startHttpServer();
    const tools = await connect({ url: `http://127.0.0.1:${port}/mcp`, reconnect: { baseDelayMs: 10 } });
    expect(tools.has('add') && tools.has('pixel')).toBe(true);
    expect((await callTool(tools, 'add', { a: 4, b: 5 })).result.output).toBe('9');
    const pixel = (await callTool(tools, 'pixel', {})).value as McpToolResult;
    expect(pixel.media[0]).toMatchObject({ kind: 'image', mimeType: 'image/png', bytes: PIXEL.length });

    await stopHttpServer();
    const down = await callTool(tools, 'add', { a: 1, b: 1 });
    expect(down.result.isError).toBe(true);
    await startHttpServer(port);
    expect((await callTool(tools, 'add', { a: 1, b: 2 })).result.output).toBe('3');
    await tools.close(); // ends the session (DELETE) while msw is off
    expect((await callTool(tools, 'add', { a: 1, b: 2 })).result.output).toMatch(/was closed/);
  }, 20_000);
});
