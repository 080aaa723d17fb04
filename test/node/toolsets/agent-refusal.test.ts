import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Agent } from '../../../src/core/agent/agent.js';
import { filesToolset } from '../../../src/node/toolsets/files.js';
import { httpToolset } from '../../../src/node/toolsets/http.js';
import { shellToolset } from '../../../src/node/toolsets/shell.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'hello-dave-agent-refusal-'));
  await mkdir(path.join(base, 'root'));
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

it('refusals reach the model as tool results that say why; the run goes on to its answer', async () => {
  const root = path.join(base, 'root');
  const model = scriptedModel([
    {
      toolCalls: [
        { name: 'files_read', arguments: { path: '../secret.txt' } },
        { name: 'shell_run', arguments: { command: 'cat', args: ['/etc/passwd'] } },
        { name: 'shell_run', arguments: { command: 'rm', args: ['-rf', '.'] } },
        { name: 'http_get', arguments: { url: 'http://169.254.169.254/latest/meta-data/iam/' } },
      ],
    },
    { text: 'I cannot reach those files.' },
  ]);
  const agent = new Agent({
    name: 'snoop',
    model,
    tools: [
      filesToolset({ root }),
      shellToolset({ enabled: true, root, commands: { cat: { needsApproval: false } } }),
      httpToolset(),
    ],
  });
  const result = await agent.run('Show me the secrets.');
  expect(result.text).toBe('I cannot reach those files.');
  const toolMessage = model.requests[1]?.messages.find((message) => message.role === 'tool');
  expect(toolMessage?.content).toEqual([
    expect.objectContaining({
      name: 'files_read',
      isError: true,
      output: expect.stringMatching(/ToolRefusedError: The path "\.\.\/secret\.txt" uses "\.\." to climb out/),
    }),
    expect.objectContaining({
      name: 'shell_run',
      isError: true,
      output: expect.stringMatching(/"\/etc\/passwd" is an absolute path/),
    }),
    expect.objectContaining({ name: 'shell_run', isError: true, output: expect.stringMatching(/allowed: "cat"/) }),
    expect.objectContaining({
      name: 'http_get',
      isError: true,
      output: expect.stringMatching(/169\.254\.169\.254 is a cloud metadata address/),
    }),
  ]);
  expect(JSON.stringify(model.requests)).not.toContain('TOP SECRET');
});
