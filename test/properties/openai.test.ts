/**
 * Bad input for every OpenAI request schema (Responses; the Sora videos API: create, remix, edit, extend, list,
 * characters, content download), through the client: see ./harness.ts.
 */
import { responsesCreateBodySchema } from '../../src/protocols/openai-responses/index.js';
import {
  createCharacter,
  createCharacterParamsSchema,
  createOpenAIClient,
  createResponse,
  createVideo,
  createVideoParamsSchema,
  type DownloadVideoContentOptions,
  downloadVideoContent,
  editVideo,
  editVideoParamsSchema,
  extendVideo,
  extendVideoParamsSchema,
  listVideos,
  listVideosParamsSchema,
  type OpenAIClient,
  remixVideo,
  remixVideoParamsSchema,
} from '../../src/providers/openai/index.js';
import { downloadVideoContentQuerySchema } from '../../src/providers/openai/videos/schemas.js';
import { describeEndpoints, type Endpoint } from './harness.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MP4 = { data: new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]), filename: 'clip.mp4', type: 'video/mp4' };

const endpoints: Endpoint<OpenAIClient>[] = [
  {
    name: 'createResponse (POST /v1/responses)',
    schema: responsesCreateBodySchema,
    examples: [
      {
        model: 'gpt-5.4',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'look' },
              { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'high' },
              { type: 'input_image', file_id: 'file-1', detail: 'original' },
              {
                type: 'input_file',
                file_id: 'file-2',
                file_url: 'https://example.com/a.pdf',
                file_data: 'data:application/pdf;base64,AAAA',
                filename: 'a.pdf',
              },
            ],
          },
          { type: 'message', role: 'developer', content: 'be brief' },
          {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'calling', annotations: [] }],
            phase: 'commentary',
          },
          { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{}', status: 'completed' },
          { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: 'done' }] },
          { type: 'reasoning', id: 'rs_1', summary: [] },
        ],
        instructions: 'be brief',
        tools: [
          { type: 'function', name: 'f', description: 'd', parameters: { type: 'object' }, strict: false },
          { type: 'web_search' },
        ],
        tool_choice: { type: 'function', name: 'f' },
        parallel_tool_calls: true,
        previous_response_id: 'resp_1',
        store: true,
        stream: false,
        reasoning: { effort: 'low', summary: 'auto' },
        text: {
          format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true, description: 'd' },
          verbosity: 'low',
        },
        max_output_tokens: 100,
        temperature: 1,
        top_p: 0.5,
        include: ['reasoning.encrypted_content'],
        max_tool_calls: 2,
        metadata: { k: 'v' },
        prompt: { id: 'pmpt_1', version: '2', variables: { city: 'Paris', note: { type: 'input_text', text: 'n' } } },
        top_logprobs: 3,
        truncation: 'auto',
      },
      { model: 'gpt-5.4', input: 'hi', tool_choice: 'required' },
      {
        model: 'gpt-5.4',
        input: [{ role: 'assistant', content: 'earlier' }],
        tools: [{ type: 'web_search' }],
        tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'web_search' }] },
        text: { format: { type: 'json_object' } },
      },
      { model: 'gpt-5.4', input: 'hi', tool_choice: { type: 'mcp', server_label: 'docs', name: 'search' } },
      {
        model: 'gpt-5.4',
        input: 'hi',
        tool_choice: { type: 'custom', name: 'grammar' },
        text: { format: { type: 'text' } },
      },
      { model: 'gpt-5.4', input: 'hi', tool_choice: { type: 'file_search' } },
    ],
    // An item or a tool of a type the SDK does not know passes as is (reasoning, built-in tool calls, new kinds).
    accepted: Object.fromEntries(
      [...[0, 1, 2, 3, 4].map((index) => `input.${index}.type`), 'tools.0.type'].map((field) => [
        `${field} = "not-a-real-value"`,
        'an item or tool of another type',
      ]),
    ),
    call: (client, params) => createResponse(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'previous_response_id with conversation',
        set: { conversation: 'conv_1' },
        names: ['conversation'],
      },
      {
        kind: 'mutually exclusive',
        label: 'stream: true (use a model’s stream())',
        set: { stream: true },
        names: ['stream'],
      },
      {
        kind: 'out of range',
        label: 'max_output_tokens below 16',
        set: { max_output_tokens: 8 },
        names: ['max_output_tokens'],
      },
    ],
  },
  {
    name: 'createVideo (POST /v1/videos)',
    schema: createVideoParamsSchema,
    examples: [
      { prompt: 'a fox', model: 'sora-2', seconds: '8', size: '1280x720', input_reference: PNG },
      {
        prompt: 'a fox',
        seconds: { unlisted: '16' },
        size: { unlisted: '640x480' },
        input_reference: { image_url: 'https://cdn.example.com/a.png' },
      },
      { prompt: 'a fox', input_reference: { file_id: 'file-1' } },
    ],
    call: (client, params) => createVideo(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'input_reference with image_url and file_id',
        example: 2,
        set: { 'input_reference.image_url': 'https://cdn.example.com/a.png' },
        names: ['input_reference'],
      },
    ],
  },
  {
    name: 'remixVideo (POST /v1/videos/{video_id}/remix)',
    schema: remixVideoParamsSchema,
    examples: [{ prompt: 'make it night' }],
    call: (client, params) => remixVideo(client, 'video_1', params),
  },
  {
    name: 'editVideo (POST /v1/videos/edits)',
    schema: editVideoParamsSchema,
    examples: [
      { prompt: 'make it night', video: { id: 'video_1' } },
      { prompt: 'make it night', video: MP4 },
    ],
    call: (client, params) => editVideo(client, params),
  },
  {
    name: 'extendVideo (POST /v1/videos/extensions)',
    schema: extendVideoParamsSchema,
    examples: [
      { prompt: 'keep going', seconds: '20', video: { id: 'video_1' } },
      { prompt: 'keep going', seconds: { unlisted: '24' }, video: MP4 },
    ],
    call: (client, params) => extendVideo(client, params),
  },
  {
    name: 'listVideos (GET /v1/videos)',
    schema: listVideosParamsSchema,
    examples: [{ after: 'video_0', limit: 20, order: 'asc' }],
    call: (client, params) => listVideos(client, params),
  },
  {
    name: 'createCharacter (POST /v1/videos/characters)',
    schema: createCharacterParamsSchema,
    examples: [{ name: 'Fox', video: MP4 }],
    call: (client, params) => createCharacter(client, params),
  },
  {
    name: 'downloadVideoContent (GET /v1/videos/{video_id}/content?variant=)',
    schema: downloadVideoContentQuerySchema,
    examples: [{ variant: 'thumbnail' }, { variant: { unlisted: 'poster' } }],
    call: (client, params: DownloadVideoContentOptions) => downloadVideoContent(client, 'video_1', params),
    defaulted: ['variant'],
    accepted: {
      'params.not_a_field added': 'the other fields are the options of the call (to, maxBytes, signal, …)',
      'params = null': 'these are the options of the call, whose variant is read alone',
      'params = "text"': 'as above',
      'params = []': 'as above',
    },
  },
];

describeEndpoints(
  'OpenAI',
  (fetch) => createOpenAIClient({ apiKey: 'openai-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
