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
        input: [{ role: 'user', content: 'hi' }],
        instructions: 'be brief',
        tools: [{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: false }],
        tool_choice: { type: 'function', name: 'f' },
        parallel_tool_calls: true,
        previous_response_id: 'resp_1',
        store: true,
        stream: false,
        max_output_tokens: 100,
        temperature: 1,
        top_p: 0.5,
        include: ['reasoning.encrypted_content'],
        metadata: { k: 'v' },
      },
      { model: 'gpt-5.4', input: 'hi', tool_choice: 'required' },
    ],
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
