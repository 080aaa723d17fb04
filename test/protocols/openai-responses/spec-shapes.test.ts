/**
 * The Responses mapping's spec shapes without a server: `tool_choice` (core choice → wire, and a wire value
 * checked), assistant text grouped by `phase`, image detail `original`, reasoning effort `max`.
 */
import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../src/common/errors.js';
import type { ModelRequest, ToolChoice } from '../../../src/core/model.js';
import type { ResponsesDialect } from '../../../src/protocols/openai-responses/dialect.js';
import { buildResponsesRequest, messagesToInput } from '../../../src/protocols/openai-responses/request.js';
import { mapToolChoice, toolChoiceIssue } from '../../../src/protocols/openai-responses/tool-choice.js';
import type { ResponsesBuiltinTool } from '../../../src/protocols/openai-responses/wire.js';
import { OPENAI_RESPONSES_DIALECT, OPENAI_TOOL_CHOICE_TYPES } from '../../../src/providers/openai/index.js';
import { toParams } from '../../../src/providers/openai-compatible/chat-model-request.js';
import { createChatCompletionsClient } from '../../../src/providers/openai-compatible/index.js';
import { XAI_RESPONSES_DIALECT } from '../../../src/providers/xai/index.js';

const weather = {
  name: 'get_weather',
  description: 'Weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const builtins: ResponsesBuiltinTool[] = [
  { type: 'web_search' },
  { type: 'file_search', vector_store_ids: ['vs_1'] },
  { type: 'custom', name: 'sql' },
  { type: 'mcp', server_label: 'github', server_url: 'https://mcp.example/github' },
];

function choiceSent(dialect: ResponsesDialect, toolChoice: ToolChoice) {
  const request: ModelRequest = { messages: [], tools: [weather], toolChoice };
  return buildResponsesRequest(request, { modelId: 'm', dialect, store: true, builtinTools: builtins }).body
    .tool_choice;
}

describe('tool_choice in the spec shapes (OpenAI)', () => {
  it.each<[ToolChoice, unknown]>([
    ['auto', 'auto'],
    ['none', 'none'],
    ['required', 'required'],
    [{ tool: 'get_weather' }, { type: 'function', name: 'get_weather' }],
    [{ tool: 'file_search' }, { type: 'file_search' }],
    [{ tool: 'image_generation' }, { type: 'image_generation' }],
    [{ tool: 'sql' }, { type: 'custom', name: 'sql' }],
    [{ tool: 'github' }, { type: 'mcp', server_label: 'github' }],
    [{ tool: 'web_search' }, { type: 'allowed_tools', mode: 'required', tools: [{ type: 'web_search' }] }],
  ])('maps %j to %j', (choice, wire) => {
    expect(choiceSent(OPENAI_RESPONSES_DIALECT, choice)).toEqual(wire);
    // What the mapping sends, the body check accepts.
    expect(toolChoiceIssue(wire, OPENAI_TOOL_CHOICE_TYPES)).toBeUndefined();
  });

  it('refuses a name of nothing in the request before sending, naming tool_choice and the shapes', () => {
    let caught: unknown;
    try {
      choiceSent(OPENAI_RESPONSES_DIALECT, { tool: 'x_search' });
    } catch (error) {
      caught = error;
    }
    expect(RequestValidationError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ field: 'tool_choice' });
    expect(String(caught)).toMatch(/"x_search" is no function.*allowed shapes: "none", "auto", "required"/);
  });

  it('keeps the former mapping for a dialect without a hosted list (xAI: any built-in type as { type })', () => {
    expect(choiceSent(XAI_RESPONSES_DIALECT, { tool: 'x_search' })).toEqual({ type: 'x_search' });
    expect(choiceSent(XAI_RESPONSES_DIALECT, { tool: 'get_weather' })).toEqual({
      type: 'function',
      name: 'get_weather',
    });
  });

  it.each([
    [{ type: 'mcp', server_label: 'github', name: 'create_issue' }, undefined],
    [
      {
        type: 'allowed_tools',
        mode: 'auto',
        tools: [
          { type: 'function', name: 'a' },
          { type: 'mcp', server_label: 'g' },
        ],
      },
      undefined,
    ],
    [{ type: 'computer_use_preview' }, undefined],
    [{ type: 'custom' }, /needs a name/],
    [{ type: 'mcp', server_label: 'github', name: '' }, /name must be a non-empty string/],
    [{ type: 'allowed_tools', mode: 'auto', tools: [{ name: 'a' }] }, /every allowed_tools entry needs a type/],
    [42, /is not a tool choice/],
  ])('checks the wire value %j', (value, problem) => {
    const issue = toolChoiceIssue(value, OPENAI_TOOL_CHOICE_TYPES);
    if (problem === undefined) expect(issue).toBeUndefined();
    else {
      expect(issue?.path).toBe('tool_choice');
      expect(issue?.message).toMatch(problem);
    }
  });

  it('maps without building a body too (the function the body uses)', () => {
    expect(mapToolChoice({ tool: 'shell' }, new Set(), [], OPENAI_TOOL_CHOICE_TYPES, 'x')).toEqual({ type: 'shell' });
    expect(() => mapToolChoice({ tool: 'web_search' }, new Set(), [], OPENAI_TOOL_CHOICE_TYPES, 'x')).toThrow(
      RequestValidationError,
    );
  });
});

describe('assistant text and its phase', () => {
  it('sends one output message per run of the same phase, with the phase; text without one goes without', () => {
    const input = messagesToInput(
      [
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me look. ', phase: 'commentary' },
            { type: 'text', text: 'One moment.', phase: 'commentary' },
            { type: 'text', text: 'It is 18 °C.', phase: 'final_answer' },
            { type: 'text', text: 'Plain.' },
          ],
        },
      ],
      'openai',
    );
    expect(input).toEqual([
      {
        role: 'assistant',
        phase: 'commentary',
        content: [
          { type: 'output_text', text: 'Let me look. ', annotations: [] },
          { type: 'output_text', text: 'One moment.', annotations: [] },
        ],
      },
      {
        role: 'assistant',
        phase: 'final_answer',
        content: [{ type: 'output_text', text: 'It is 18 °C.', annotations: [] }],
      },
      { role: 'assistant', content: [{ type: 'output_text', text: 'Plain.', annotations: [] }] },
    ]);
    expect(Object.keys(input[2] as object)).not.toContain('phase');
  });
});

describe('reasoning effort max and image detail original', () => {
  it('sends effort max and detail original as they are on the Responses API', () => {
    const { body } = buildResponsesRequest(
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'original' }],
          },
        ],
        tools: [],
        settings: { reasoning: { effort: 'max' } },
      },
      { modelId: 'gpt-5.6-sol', dialect: OPENAI_RESPONSES_DIALECT, store: true },
    );
    expect(body.reasoning).toEqual({ effort: 'max' });
    expect(body.input).toEqual([
      {
        role: 'user',
        content: [{ type: 'input_image', image_url: 'https://example.com/a.png', detail: 'original' }],
      },
    ]);
  });

  it('sends detail high for original on Chat Completions, which has no original', () => {
    const { params } = toParams(
      'gpt-5.4',
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'original' }],
          },
        ],
        tools: [],
      },
      { client: createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:9/v1', env: {} }) },
      'openai-compatible',
    );
    expect(params.messages[0]).toMatchObject({
      role: 'user',
      content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } }],
    });
  });
});
