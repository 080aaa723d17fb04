/**
 * Bad input for every MiniMax request schema (video H3 v2 and the older v1, image, music, music cover, lyrics),
 * through the client: see ./harness.ts.
 */
import {
  createMiniMaxClient,
  createVideo,
  createVideoParamsSchema,
  createVideoV2,
  createVideoV2ParamsSchema,
  generateImage,
  generateImageParamsSchema,
  generateLyrics,
  generateLyricsParamsSchema,
  generateMusic,
  generateMusicParamsSchema,
  type MiniMaxClient,
  musicCoverPreprocessParamsSchema,
  preprocessMusicCover,
  regenerateVideoV2,
} from '../../src/providers/minimax/index.js';
import { describeEndpoints, type Endpoint } from './harness.js';

const IMG = 'https://cdn.example.com/a.jpg';
const v2Content = [
  { type: 'text', text: 'a fox runs' },
  { type: 'image_url', image_url: { url: IMG }, role: 'first_frame' },
  { type: 'video_url', video_url: { url: 'https://cdn.example.com/ref.mp4' }, role: 'reference_video' },
  { type: 'audio_url', audio_url: { url: 'https://cdn.example.com/ref.mp3' }, role: 'reference_audio' },
];

const endpoints: Endpoint<MiniMaxClient>[] = [
  {
    name: 'createVideo (POST /v1/video_generation)',
    schema: createVideoParamsSchema,
    examples: [
      {
        model: 'MiniMax-Hailuo-02',
        prompt: 'a fox runs',
        prompt_optimizer: true,
        fast_pretreatment: false,
        first_frame_image: IMG,
        last_frame_image: IMG,
        duration: 6,
        resolution: '768P',
        callback_url: 'https://hooks.example.com/mm',
        aigc_watermark: false,
      },
      { model: 'S2V-01', prompt: 'a fox', subject_reference: [{ type: 'character', image: [IMG] }] },
    ],
    call: (client, params) => createVideo(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'subject_reference with first_frame_image',
        example: 1,
        set: { first_frame_image: IMG },
        names: ['subject_reference'],
      },
      {
        kind: 'required with another',
        label: 'last frame without first frame',
        set: { first_frame_image: undefined },
        names: ['first_frame_image'],
      },
      {
        kind: 'required with another',
        label: 'text-to-video without prompt',
        set: { prompt: undefined, first_frame_image: undefined, last_frame_image: undefined },
        names: ['prompt'],
      },
      {
        kind: 'mutually exclusive',
        label: '10 s at 1080P',
        set: { duration: 10, resolution: '1080P' },
        names: ['duration'],
      },
    ],
  },
  {
    name: 'createVideoV2 (POST /v2/video_generation)',
    schema: createVideoV2ParamsSchema,
    examples: [{ model: 'MiniMax-H3', content: v2Content, resolution: '768P', duration: 6, ratio: '16:9' }],
    call: (client, params) => createVideoV2(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'a base_video outside a regeneration',
        set: { 'content.2.role': 'base_video' },
        names: ['content.2'],
      },
      {
        kind: 'mutually exclusive',
        label: 'a v1 model on the v2 API',
        set: { model: 'MiniMax-Hailuo-02' },
        names: ['model'],
      },
    ],
  },
  {
    name: 'regenerateVideoV2 (POST /v2/video_regeneration)',
    schema: createVideoV2ParamsSchema,
    examples: [
      {
        model: 'MiniMax-H3',
        content: [{ type: 'video_url', video_url: { url: 'https://cdn.example.com/768p.mp4' }, role: 'base_video' }],
        resolution: '2K',
      },
    ],
    call: (client, params) => regenerateVideoV2(client, params),
    rules: [
      { kind: 'out of range', label: 'a regeneration at 768P', set: { resolution: '768P' }, names: ['resolution'] },
      {
        kind: 'required with another',
        label: 'no base_video',
        set: { 'content.0.role': 'reference_video' },
        names: ['content'],
      },
    ],
  },
  {
    name: 'generateImage (POST /v1/image_generation)',
    schema: generateImageParamsSchema,
    examples: [
      {
        model: 'image-01',
        prompt: 'a fox',
        width: 1024,
        height: 768,
        response_format: 'url',
        seed: 3,
        n: 2,
        prompt_optimizer: true,
        aigc_watermark: false,
        subject_reference: [{ type: 'character', image_file: IMG }],
      },
      {
        model: 'image-01-live',
        prompt: 'a fox',
        aspect_ratio: '16:9',
        style: { style_type: '水彩', style_weight: 0.5 },
      },
    ],
    call: (client, params) => generateImage(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'aspect_ratio with width/height',
        set: { aspect_ratio: '1:1' },
        names: ['aspect_ratio'],
      },
      { kind: 'required with another', label: 'width without height', set: { height: undefined }, names: ['height'] },
      {
        kind: 'mutually exclusive',
        label: 'style on image-01',
        example: 1,
        set: { model: 'image-01' },
        names: ['style'],
      },
    ],
  },
  {
    name: 'generateMusic (POST /v1/music_generation)',
    schema: generateMusicParamsSchema,
    examples: [
      {
        model: 'music-2.6',
        prompt: 'calm piano',
        lyrics: '[Verse]\nla la',
        lyrics_optimizer: false,
        audio_setting: { sample_rate: 44100, bitrate: 256000, format: 'mp3', channel: 2 },
        output_format: 'url',
        stream: false,
        aigc_watermark: true,
      },
      { model: 'music-cover', prompt: 'jazz version of it', audio_url: 'https://cdn.example.com/a.mp3', seed: 5 },
      { model: 'music-cover', prompt: 'jazz version of it', audio_base64: 'SUQz', lyrics: '[Verse]\nla la la' },
      { model: 'music-cover', prompt: 'jazz version of it', cover_feature_id: 'cf-1', lyrics: '[Verse]\nla la la' },
      { model: 'music-2.6', prompt: 'calm piano', is_instrumental: true },
    ],
    call: (client, params) => generateMusic(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'two cover sources',
        example: 1,
        set: { audio_base64: 'SUQz' },
        names: ['audio_url'],
      },
      {
        kind: 'required with another',
        label: 'a vocal song without lyrics',
        set: { lyrics: undefined },
        names: ['lyrics'],
      },
      {
        kind: 'mutually exclusive',
        label: 'an instrumental with lyrics',
        example: 4,
        set: { lyrics: 'la' },
        names: ['lyrics'],
      },
      {
        kind: 'mutually exclusive',
        label: 'audio_url on a non-cover model',
        set: { audio_url: 'https://cdn.example.com/a.mp3' },
        names: ['audio_url'],
      },
      {
        kind: 'mutually exclusive',
        label: 'streaming with url output',
        set: { stream: true, aigc_watermark: undefined },
        names: ['output_format'],
      },
      {
        kind: 'required with another',
        label: 'cover_feature_id without lyrics',
        example: 3,
        set: { lyrics: undefined },
        names: ['lyrics'],
      },
    ],
  },
  {
    name: 'preprocessMusicCover (POST /v1/music_cover_preprocess)',
    schema: musicCoverPreprocessParamsSchema,
    examples: [{ model: 'music-cover', audio_url: 'https://cdn.example.com/a.mp3' }, { audio_base64: 'SUQz' }],
    call: (client, params) => preprocessMusicCover(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'audio_url with audio_base64',
        set: { audio_base64: 'SUQz' },
        names: ['audio_url'],
      },
      {
        kind: 'required with another',
        label: 'neither audio_url nor audio_base64',
        example: 1,
        set: { audio_base64: undefined },
        names: ['audio_url'],
      },
    ],
  },
  {
    name: 'generateLyrics (POST /v1/lyrics_generation)',
    schema: generateLyricsParamsSchema,
    examples: [
      { mode: 'write_full_song', prompt: 'a song about the sea', title: 'Sea' },
      { mode: 'edit', prompt: 'darker', lyrics: '[Verse]\nla la' },
    ],
    call: (client, params) => generateLyrics(client, params),
    rules: [
      {
        kind: 'required with another',
        label: 'edit without lyrics',
        example: 1,
        set: { lyrics: undefined },
        names: ['lyrics'],
      },
    ],
  },
];

describeEndpoints(
  'MiniMax',
  (fetch) => createMiniMaxClient({ apiKey: 'minimax-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
