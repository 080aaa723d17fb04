/**
 * The Responses wire format (OpenAI and xAI) for the conformance adapters: whole answers, streams, and readers of
 * the recorded requests. What differs between the two providers comes in as a {@link ResponsesFlavour}.
 * Not a test file.
 */
import { expect } from 'vitest';
import type { JsonSchema } from '../../src/index.js';
import type { FixtureResponseBody, FixtureSseEvent } from '../../src/testing/index.js';
import { type ConformanceAdapter, halves, type SentToolResult, sse, type Turn, textOf } from './adapter.js';

/** What one Responses provider does its own way. */
export interface ResponsesFlavour {
  /** Model id echoed in answers. */
  model: string;
  /** Response id of the n-th answer. */
  responseId(n: number): string;
  /** Wire usage of a turn (xAI counts visible output only, OpenAI output with reasoning). */
  usage(turn: Turn): Record<string, unknown>;
  /** Instructions go along with `previous_response_id` (OpenAI yes, xAI no). */
  instructionsWhenChained: boolean;
  /** Function tools and the output schema go in strict mode (OpenAI yes; xAI ignores `strict`). */
  strict: boolean;
}

type Item = Record<string, unknown>;

function reasoningItem(turn: Turn, n: number): Item | undefined {
  const reasoning = turn.reasoning;
  if (!reasoning) return undefined;
  return {
    type: 'reasoning',
    id: `rs_conf_${n}`,
    summary: [{ type: 'summary_text', text: reasoning.text }],
    encrypted_content: reasoning.opaque,
  };
}

function messageItem(turn: Turn, n: number): Item | undefined {
  if (!turn.text) return undefined;
  return {
    type: 'message',
    id: `msg_conf_${n}`,
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text: textOf(turn), annotations: [], logprobs: [] }],
  };
}

function callItems(turn: Turn, n: number): Item[] {
  return (turn.calls ?? []).map((call, index) => ({
    type: 'function_call',
    id: `fc_conf_${n}_${index}`,
    call_id: call.id,
    name: call.name,
    arguments: call.arguments,
    status: 'completed',
  }));
}

function outputOf(turn: Turn, n: number): Item[] {
  return [reasoningItem(turn, n), messageItem(turn, n), ...callItems(turn, n)].filter(
    (item): item is Item => item !== undefined,
  );
}

function responseOf(flavour: ResponsesFlavour, n: number, status: string, output: Item[], usage: unknown): Item {
  return {
    id: flavour.responseId(n),
    object: 'response',
    created_at: 1767225600,
    status,
    error: null,
    incomplete_details: null,
    model: flavour.model,
    output,
    usage,
  };
}

/** The events of one output item: added, its deltas, done. */
function itemEvents(item: Item, index: number, turn: Turn, next: () => number): FixtureSseEvent[] {
  const base = { output_index: index };
  const out: FixtureSseEvent[] = [];
  const add = (type: string, fields: Item) => out.push(sse({ type, sequence_number: next(), ...fields }, type));
  if (item.type === 'message') {
    add('response.output_item.added', { ...base, item: { ...item, status: 'in_progress', content: [] } });
    const part = { item_id: item.id, ...base, content_index: 0 };
    add('response.content_part.added', { ...part, part: { type: 'output_text', text: '', annotations: [] } });
    for (const delta of turn.text ?? []) add('response.output_text.delta', { ...part, delta, logprobs: [] });
    add('response.output_text.done', { ...part, text: textOf(turn), logprobs: [] });
    add('response.content_part.done', { ...part, part: (item.content as Item[])[0] });
  } else if (item.type === 'reasoning') {
    add('response.output_item.added', { ...base, item: { ...item, summary: [] } });
    const part = { item_id: item.id, ...base, summary_index: 0 };
    add('response.reasoning_summary_part.added', { ...part, part: { type: 'summary_text', text: '' } });
    add('response.reasoning_summary_text.delta', { ...part, delta: turn.reasoning?.text });
    add('response.reasoning_summary_text.done', { ...part, text: turn.reasoning?.text });
  } else {
    add('response.output_item.added', { ...base, item: { ...item, arguments: '', status: 'in_progress' } });
    for (const delta of halves(String(item.arguments))) {
      add('response.function_call_arguments.delta', { item_id: item.id, ...base, delta });
    }
    add('response.function_call_arguments.done', {
      item_id: item.id,
      ...base,
      name: item.name,
      arguments: item.arguments,
    });
  }
  add('response.output_item.done', { ...base, item });
  return out;
}

/** Scripting and reading for one Responses provider. */
export function responsesWire(
  flavour: ResponsesFlavour,
): Pick<
  ConformanceAdapter,
  | 'answer'
  | 'events'
  | 'reasoningReturned'
  | 'reasoningResent'
  | 'toolResults'
  | 'instructions'
  | 'streamed'
  | 'outputSchema'
  | 'expectOutputFormat'
  | 'toolChoice'
  | 'toolNames'
  | 'expectToolFollowUp'
> & { streamStart(): FixtureSseEvent[] } {
  return {
    answer(turn, n): FixtureResponseBody {
      return { json: responseOf(flavour, n, 'completed', outputOf(turn, n), flavour.usage(turn)) };
    },
    events(turn, n): FixtureSseEvent[] {
      let sequence = 0;
      const next = () => sequence++;
      const output = outputOf(turn, n);
      const created = responseOf(flavour, n, 'in_progress', [], null);
      return [
        sse({ type: 'response.created', sequence_number: next(), response: created }, 'response.created'),
        ...output.flatMap((item, index) => itemEvents(item, index, turn, next)),
        sse(
          {
            type: 'response.completed',
            sequence_number: next(),
            response: responseOf(flavour, n, 'completed', output, flavour.usage(turn)),
          },
          'response.completed',
        ),
      ];
    },
    streamStart(): FixtureSseEvent[] {
      const created = responseOf(flavour, 1, 'in_progress', [], null);
      const message = { type: 'message', id: 'msg_conf_err', status: 'in_progress', role: 'assistant', content: [] };
      return [
        sse({ type: 'response.created', sequence_number: 0, response: created }, 'response.created'),
        sse(
          { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: message },
          'response.output_item.added',
        ),
      ];
    },
    reasoningReturned(turn, n) {
      return [reasoningItem(turn, n)];
    },
    reasoningResent(body) {
      const input = (body.input ?? []) as Item[];
      return input.filter((item) => item.type === 'reasoning');
    },
    toolResults(body): SentToolResult[] {
      const input = (body.input ?? []) as Item[];
      return input
        .filter((item) => item.type === 'function_call_output')
        .map((item) => ({ callId: String(item.call_id), output: String(item.output) }));
    },
    instructions(body) {
      return typeof body.instructions === 'string' ? body.instructions : undefined;
    },
    streamed(body) {
      return body.stream === true;
    },
    outputSchema(body) {
      const format = (body.text as { format?: { type?: string; schema?: JsonSchema } } | undefined)?.format;
      return format?.type === 'json_schema' ? format.schema : undefined;
    },
    toolNames(body) {
      return ((body.tools ?? []) as Item[]).map((tool) => String(tool.name));
    },
    toolChoice(body) {
      const choice = body.tool_choice;
      return choice === 'auto' || choice === 'none' || choice === 'required' ? choice : undefined;
    },
    expectOutputFormat(body) {
      const format = (body.text as { format?: Item } | undefined)?.format;
      expect(format).toMatchObject({ type: 'json_schema', name: 'output' });
      expect(format?.strict).toBe(flavour.strict ? true : undefined);
    },
    expectToolFollowUp(body, { first, previousResponseId, callIds }) {
      expect(first.previous_response_id).toBeUndefined();
      expect(((first.tools ?? []) as Item[]).map((tool) => tool.strict)).toEqual(
        ((first.tools ?? []) as Item[]).map(() => (flavour.strict ? true : undefined)),
      );
      const input = body.input as Item[];
      const outputs = callIds.map((id) => ['function_call_output', id]);
      if (first.store === false) {
        // Stateless: the whole history again, reasoning items (with their encrypted content) included.
        expect(first.include).toEqual(['reasoning.encrypted_content']);
        expect(body.previous_response_id).toBeUndefined();
        expect(body.instructions).toBe(first.instructions);
        const history = input.slice(0, -callIds.length).map((item) => item.type ?? item.role);
        expect(history).toEqual(['user', 'reasoning', ...callIds.map(() => 'function_call')]);
        expect(input.slice(-callIds.length).map((item) => [item.type, item.call_id])).toEqual(outputs);
        return;
      }
      // Stored responses: chained on the previous one, only the outputs sent.
      expect(body.previous_response_id).toBe(previousResponseId);
      expect(input.map((item) => [item.type, item.call_id])).toEqual(outputs);
      expect(body.instructions === undefined).toBe(!flavour.instructionsWhenChained);
    },
  };
}
