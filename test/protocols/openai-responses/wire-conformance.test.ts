import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResponseValidationError } from '../../../src/common/errors.js';
import { readResponsesBody, toolCallFromItem } from '../../../src/protocols/openai-responses/response.js';
import {
  conformsToFunctionCallItem,
  conformsToResponsesResponse,
  functionCallItemSchema,
  responsesResponseSchema,
} from '../../../src/protocols/openai-responses/wire.js';

/** Every JSON response body of the OpenAI and xAI Responses fixtures. */
function fixtureBodies(): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  for (const provider of ['openai', 'xai']) {
    const dir = path.join(import.meta.dirname, '../../fixtures', provider);
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.json')) continue;
      const fixture = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const json = fixture.response?.body?.json;
      if (json && typeof json === 'object' && 'output' in json && 'id' in json) bodies.push(json);
    }
  }
  return bodies;
}

const oddValues: unknown[] = [undefined, null, 0, 1.5, Number.NaN, -1, '', 'x', true, [], [1], {}, { type: 1 }];

/** The body with `path` (dot separated) set to `value` (deep copy; the original is untouched). */
function withValue(body: unknown, at: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = at.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
  return copy;
}

const responsePaths = [
  'id',
  'status',
  'model',
  'output',
  'output.0',
  'output.0.type',
  'usage',
  'usage.input_tokens',
  'usage.output_tokens',
  'usage.total_tokens',
  'usage.input_tokens_details',
  'usage.input_tokens_details.cached_tokens',
  'usage.output_tokens_details',
  'usage.output_tokens_details.reasoning_tokens',
  'error',
  'error.code',
  'error.message',
  'incomplete_details',
  'incomplete_details.reason',
];

describe('the fast response check agrees with the schema', () => {
  const bodies = fixtureBodies();

  it('takes every fixture body as it is (the fast path is the path taken)', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) {
      expect(conformsToResponsesResponse(body)).toBe(true);
      // No copy: the mapping reads the parsed body itself.
      expect(readResponsesBody(body, 'openai')).toBe(body);
    }
  });

  it('never accepts what the schema rejects, field by field', () => {
    let rejected = 0;
    for (const body of bodies.slice(0, 6)) {
      for (const at of responsePaths) {
        for (const value of oddValues) {
          const variant = withValue(body, at, value);
          const schemaOk = responsesResponseSchema.safeParse(variant).success;
          if (conformsToResponsesResponse(variant)) expect(schemaOk, `${at} = ${String(value)}`).toBe(true);
          if (!schemaOk) rejected += 1;
        }
      }
    }
    // The variants do exercise rejections, not only acceptances.
    expect(rejected).toBeGreaterThan(100);
  });

  it('falls back to the schema for the exact issue when a body does not conform', () => {
    const error = (() => {
      try {
        readResponsesBody({ id: 'resp_1', output: [{ type: 3 }] }, 'openai');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain('output.0.type');
  });

  it('checks function call items like their schema', () => {
    const item = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'echo', arguments: '{"text":"a"}' };
    expect(conformsToFunctionCallItem(item)).toBe(true);
    expect(toolCallFromItem(item)).toEqual({
      type: 'tool-call',
      id: 'call_1',
      itemId: 'fc_1',
      name: 'echo',
      arguments: '{"text":"a"}',
    });
    for (const at of ['type', 'id', 'call_id', 'name', 'arguments']) {
      for (const value of [...oddValues, 'function_call']) {
        const variant = withValue(item, at, value);
        const schemaOk = functionCallItemSchema.safeParse(variant).success;
        if (conformsToFunctionCallItem(variant)) expect(schemaOk, `${at} = ${String(value)}`).toBe(true);
        // An item neither accepts is not a tool call.
        if (!schemaOk) expect(toolCallFromItem(variant as never)).toBeUndefined();
      }
    }
  });
});
