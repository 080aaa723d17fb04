import { describe, expect, it } from 'vitest';
import { ResponseValidationError, ServerError } from '../../../src/common/errors.js';
import type { ModelStreamEvent } from '../../../src/core/model.js';
import type { SseEvent } from '../../../src/http/types.js';
import type { ResponsesDialect } from '../../../src/protocols/openai-responses/dialect.js';
import { mapResponsesStream } from '../../../src/protocols/openai-responses/stream.js';

const dialect: ResponsesDialect = {
  provider: 'openai',
  instructionsWithPreviousResponse: true,
  strictTools: true,
  outputTokensIncludeReasoning: true,
};

async function* from(events: SseEvent[]): AsyncGenerator<SseEvent> {
  for (const event of events) yield event;
}
const json = (value: Record<string, unknown>): SseEvent => ({ event: String(value.type), data: JSON.stringify(value) });

async function run(events: SseEvent[]): Promise<ModelStreamEvent[]> {
  const out: ModelStreamEvent[] = [];
  for await (const event of mapResponsesStream(from(events), { dialect, store: true })) out.push(event);
  return out;
}

describe('mapResponsesStream', () => {
  it('builds the response from output_item.done events when the terminal event leaves the output out', async () => {
    const message = { type: 'message', content: [{ type: 'output_text', text: 'ok' }] };
    const events = await run([
      { data: '' },
      { event: 'ping', data: '{}' },
      json({ type: 'response.unknown_future_event', foo: 1 }),
      json({ type: 'response.output_item.done', output_index: 0, item: message }),
      json({ type: 'response.completed', response: { id: 'r1' } }),
      { data: '[DONE]' },
    ]);
    const last = events.at(-1);
    expect(last?.type === 'response' && last.response.message.content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('throws on response.failed, on nested error events and on a stream that just stops', async () => {
    await expect(
      run([
        json({
          type: 'response.failed',
          response: { id: 'r', output: [], error: { code: 'server_error', message: 'boom' } },
        }),
      ]),
    ).rejects.toSatisfy((error: unknown) => ServerError.isInstance(error));
    await expect(run([json({ type: 'error', error: { code: 'server_error', message: 'nested' } })])).rejects.toThrow(
      /nested/,
    );
    await expect(run([json({ type: 'response.output_text.delta', delta: 'a' })])).rejects.toSatisfy((error: unknown) =>
      ResponseValidationError.isInstance(error),
    );
    await expect(run([{ event: 'response.completed', data: '{not json' }])).rejects.toSatisfy((error: unknown) =>
      ResponseValidationError.isInstance(error),
    );
  });
});
