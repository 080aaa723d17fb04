/**
 * Child-process script of retention.test.ts: runs a 50-step agent loop (a fake model and an `echo` tool) many
 * times (`agent.run`, or `agent.stream` with every event read), forcing a minor collection after each finished run, between two marker lines. Run with
 * `node --expose-gc --trace-gc-nvp --import tsx`: the trace lines between the markers show what each minor
 * collection promoted, which is what the finished runs still kept reachable.
 */
import * as z from 'zod/mini';
import { Agent } from '../../../../src/core/agent/agent.js';
import type { ChatModel, ModelResponse } from '../../../../src/core/model.js';
import { defineTool } from '../../../../src/core/tools/define-tool.js';

const STEPS = 50;
const RUNS = Number(process.argv[2] ?? 40);
/** `run` (agent.run) or `stream` (agent.stream, every event read). */
const MODE = process.argv[3] ?? 'run';
const gc = (globalThis as { gc?: (options: { type: 'minor' | 'major' }) => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** Answers at once: a call of `echo` for steps 1–49, then the final text. */
const model: ChatModel = {
  provider: 'fake',
  modelId: 'fake-1',
  async generate(request) {
    const step = ((request.continuation as number | undefined) ?? 0) + 1;
    const response: ModelResponse = {
      message: {
        role: 'assistant',
        content:
          step < STEPS
            ? [{ type: 'tool-call', id: `call_${step}`, name: 'echo', arguments: JSON.stringify({ text: `${step}` }) }]
            : [{ type: 'text', text: 'done' }],
      },
      usage: { inputTokens: 10, outputTokens: 2, totalTokens: 12 },
      finishReason: step < STEPS ? 'tool-calls' : 'stop',
      continuation: step,
      raw: { id: `resp_${step}` },
    };
    return response;
  },
  async *stream(request) {
    const response = await this.generate(request);
    for (const part of response.message.content)
      if (part.type === 'text') yield { type: 'text-delta', delta: part.text };
    yield { type: 'response', response };
  },
};

const echo = defineTool({
  name: 'echo',
  description: 'Echoes its text.',
  input: z.object({ text: z.string() }),
  run: ({ text }) => ({ text }),
});

const agent = new Agent({ name: 'echoer', model, tools: [echo], maxTurns: STEPS + 1 });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
async function once(): Promise<string> {
  if (MODE === 'run') return (await agent.run('go')).text;
  const stream = agent.stream('go');
  for await (const _event of stream) {
    // every event read
  }
  return (await stream.result).text;
}
for (let index = 0; index < 5; index++) await once();
await settle();
gc({ type: 'major' });
console.log('RUNS BEGIN');
for (let index = 0; index < RUNS; index++) {
  const text = await once();
  if (text !== 'done') throw new Error(`unexpected answer ${text}`);
  await settle();
  gc({ type: 'minor' });
}
console.log('RUNS END');
