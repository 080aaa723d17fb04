/**
 * Bad input for every xAI request schema (images, videos, Responses), through the client: see ./harness.ts.
 */
import { responsesCreateBodySchema } from '../../src/protocols/openai-responses/index.js';
import {
  createResponse,
  createXAIClient,
  editImages,
  editVideo,
  extendVideo,
  generateImages,
  generateVideo,
  type XAIClient,
  xaiEditImagesSchema,
  xaiEditVideoSchema,
  xaiExtendVideoSchema,
  xaiGenerateImagesSchema,
  xaiGenerateVideoSchema,
} from '../../src/providers/xai/index.js';
import { describeEndpoints, type Endpoint } from './harness.js';

const storage = { filename: 'out.jpg', expires_after: 3600, public_url: { expires_after: 600 } };
const imageShared = {
  prompt: 'a fox',
  model: 'grok-imagine-image',
  n: 2,
  response_format: 'url',
  resolution: '2k',
  quality: 'high',
  deferred: false,
  output: { upload_urls: ['https://bucket.example.com/1', 'https://bucket.example.com/2'] },
  storage_options: storage,
  user: 'u-1',
};
const url = { url: 'https://cdn.example.com/a.jpg' };
const fileId = { file_id: 'file-1' };
const outputs = {
  output: { upload_url: 'https://bucket.example.com/v' },
  storage_options: { ...storage, public_url: true },
};

const endpoints: Endpoint<XAIClient>[] = [
  {
    name: 'generateImages (POST /v1/images/generations)',
    schema: xaiGenerateImagesSchema,
    examples: [{ ...imageShared, aspect_ratio: '16:9' }],
    call: (client, params) => generateImages(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'deferred with b64_json',
        set: { output: undefined, deferred: true, response_format: 'b64_json' },
        names: ['response_format'],
      },
      {
        kind: 'mutually exclusive',
        label: 'output with b64_json',
        set: { response_format: 'b64_json' },
        names: ['response_format'],
      },
      {
        kind: 'out of range',
        label: 'one upload URL for n = 2',
        set: { 'output.upload_urls': ['https://bucket.example.com/1'] },
        names: ['output.upload_urls'],
      },
    ],
  },
  {
    name: 'editImages (POST /v1/images/edits)',
    schema: xaiEditImagesSchema,
    examples: [
      { ...imageShared, image: url },
      { prompt: 'a fox', images: [url, fileId], aspect_ratio: '1:1' },
    ],
    call: (client, params) => editImages(client, params),
    rules: [
      { kind: 'mutually exclusive', label: 'image with images', set: { images: [url] }, names: ['image'] },
      { kind: 'required with another', label: 'neither image nor images', set: { image: undefined }, names: ['image'] },
      {
        kind: 'mutually exclusive',
        label: 'aspect_ratio on a single-image edit',
        set: { aspect_ratio: '1:1' },
        names: ['aspect_ratio'],
      },
    ],
  },
  {
    name: 'generateVideo (POST /v1/videos/generations)',
    schema: xaiGenerateVideoSchema,
    examples: [
      {
        prompt: 'a fox runs',
        model: 'grok-imagine-video',
        duration: 10,
        aspect_ratio: '16:9',
        resolution: '720p',
        image: url,
        last_frame: fileId,
        keyframes: [{ image: url, timestamp_s: 2.5 }],
        generate_audio: true,
        user: 'u-1',
        ...outputs,
      },
      {
        prompt: 'a fox runs',
        reference_images: [url],
        reference_audios: [{ url: 'https://cdn.example.com/a.mp3' }, { voice_id: 'voice-1' }],
      },
    ],
    call: (client, params) => generateVideo(client, params),
    rules: [
      {
        kind: 'required with another',
        label: 'text-to-video without prompt',
        set: { prompt: undefined, image: undefined },
        names: ['prompt'],
      },
      {
        kind: 'required with another',
        label: 'references without prompt',
        example: 1,
        set: { prompt: undefined },
        names: ['prompt'],
      },
      {
        kind: 'out of range',
        label: 'keyframe at the duration',
        set: { 'keyframes.0.timestamp_s': 10 },
        names: ['keyframes.0.timestamp_s'],
      },
    ],
  },
  {
    name: 'editVideo (POST /v1/videos/edits)',
    schema: xaiEditVideoSchema,
    examples: [
      {
        prompt: 'make it night',
        video: { url: 'https://cdn.example.com/v.mp4' },
        model: 'grok-imagine-video',
        user: 'u',
        ...outputs,
      },
      { prompt: 'make it night', video: fileId },
    ],
    call: (client, params) => editVideo(client, params),
  },
  {
    name: 'extendVideo (POST /v1/videos/extensions)',
    schema: xaiExtendVideoSchema,
    examples: [
      {
        prompt: 'keep going',
        video: { url: 'data:video/mp4;base64,AAAA' },
        model: 'grok-imagine-video',
        duration: 5,
        ...outputs,
      },
    ],
    call: (client, params) => extendVideo(client, params),
  },
  {
    name: 'createResponse (POST /v1/responses)',
    schema: responsesCreateBodySchema,
    examples: [
      {
        model: 'grok-4.3',
        input: [{ role: 'user', content: 'hi' }],
        instructions: 'be brief',
        tools: [{ type: 'function', name: 'f', parameters: {} }],
        tool_choice: { type: 'function', name: 'f' },
        parallel_tool_calls: true,
        store: false,
        stream: false,
        max_output_tokens: 100,
        temperature: 1,
        top_p: 0.5,
        include: ['reasoning.encrypted_content'],
        metadata: { k: 'v' },
      },
      { model: 'grok-4.3', input: 'hi', previous_response_id: 'resp_1', tool_choice: 'auto' },
      {
        model: 'grok-4.3',
        input: 'hi',
        reasoning: { effort: 'low', summary: 'auto' },
        text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' } }, verbosity: 'low' },
      },
    ],
    unfilled: { prompt: 'a prompt stored at OpenAI; xAI has none (openai.test.ts fills it)' },
    accepted: {
      'input.0.type = "not-a-real-value"': 'an item of another type passes as is',
      'tools.0.type = "not-a-real-value"': 'a built-in tool of another type passes as is',
      'tool_choice.type = "not-a-real-value"': 'xAI forces its own tool types with { type } (no fixed list)',
    },
    call: (client, params) => createResponse(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'previous_response_id with conversation',
        example: 1,
        set: { conversation: 'conv_1' },
        names: ['conversation'],
      },
      {
        kind: 'mutually exclusive',
        label: 'instructions with previous_response_id',
        example: 1,
        set: { instructions: 'x' },
        names: ['instructions'],
      },
      {
        kind: 'mutually exclusive',
        label: 'stream: true (use a model’s stream())',
        set: { stream: true },
        names: ['stream'],
      },
    ],
  },
];

describeEndpoints(
  'xAI',
  (fetch) => createXAIClient({ apiKey: 'xai-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
