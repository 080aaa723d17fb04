/**
 * Bad input for every Mureka request schema, through the client: see ./harness.ts.
 */
import {
  createMurekaClient,
  extendLyrics,
  extendLyricsParamsSchema,
  extendSong,
  extendSongParamsSchema,
  generateInstrumental,
  generateInstrumentalParamsSchema,
  generateLyrics,
  generateLyricsParamsSchema,
  generateSong,
  generateSongParamsSchema,
  type MurekaClient,
  separateStems,
  separateStemsParamsSchema,
  uploadFileParamsSchema,
  uploadMurekaFile,
} from '../../src/providers/mureka/index.js';
import { describeEndpoints, type Endpoint } from './harness.js';

const AUDIO = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);

const endpoints: Endpoint<MurekaClient>[] = [
  {
    name: 'generateSong (POST /v1/song/generate)',
    schema: generateSongParamsSchema,
    examples: [
      { lyrics: '[Verse]\nla la', model: 'auto', n: 2, prompt: 'calm piano', vocal_id: 'v1', stream: false },
      { lyrics: '[Verse]\nla la', model: 'auto', reference_id: 'r1' },
      { lyrics: '[Verse]\nla la', model: 'auto', melody_id: 'm1' },
    ],
    call: (client, params) => generateSong(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'prompt with reference_id',
        set: { reference_id: 'r1' },
        names: ['reference_id'],
      },
      { kind: 'mutually exclusive', label: 'melody_id with prompt', set: { melody_id: 'm1' }, names: ['melody_id'] },
    ],
  },
  {
    name: 'generateInstrumental (POST /v1/instrumental/generate)',
    schema: generateInstrumentalParamsSchema,
    examples: [
      { model: 'auto', n: 1, prompt: 'calm piano', stream: true },
      { model: 'auto', instrumental_id: 'i1' },
    ],
    call: (client, params) => generateInstrumental(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'prompt with instrumental_id',
        set: { instrumental_id: 'i1' },
        names: ['prompt'],
      },
      {
        kind: 'required with another',
        label: 'neither prompt nor instrumental_id',
        set: { prompt: undefined },
        names: ['prompt'],
      },
    ],
  },
  {
    name: 'extendSong (POST /v1/song/extend)',
    schema: extendSongParamsSchema,
    examples: [
      { song_id: 's1', lyrics: '[Verse]\nmore', extend_at: 12_000, extend_type: 'head', model: 'mureka-8' },
      { upload_audio_id: 'u1', lyrics: '[Verse]\nmore', extend_at: 8000, extend_type: 'tail' },
    ],
    call: (client, params) => extendSong(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'song_id with upload_audio_id',
        set: { upload_audio_id: 'u1' },
        names: ['song_id'],
      },
      {
        kind: 'required with another',
        label: 'neither song_id nor upload_audio_id',
        set: { song_id: undefined },
        names: ['song_id'],
      },
      {
        kind: 'required with another',
        label: "extend_type 'head' without mureka-8",
        set: { model: 'auto' },
        names: ['extend_type'],
      },
    ],
  },
  {
    name: 'generateLyrics (POST /v1/lyrics/generate)',
    schema: generateLyricsParamsSchema,
    examples: [{ prompt: 'a song about the sea' }],
    call: (client, params) => generateLyrics(client, params),
  },
  {
    name: 'extendLyrics (POST /v1/lyrics/extend)',
    schema: extendLyricsParamsSchema,
    examples: [{ lyrics: '[Verse]\nla la', prompt: 'darker' }],
    call: (client, params) => extendLyrics(client, params),
  },
  {
    name: 'separateStems (POST /v1/song/stem)',
    schema: separateStemsParamsSchema,
    examples: [{ url: 'https://cdn.example.com/song.mp3', model: 'auto' }],
    call: (client, params) => separateStems(client, params),
  },
  {
    name: 'uploadMurekaFile (POST /v1/files/upload)',
    schema: uploadFileParamsSchema,
    examples: [{ file: { data: AUDIO, filename: 'a.mp3', type: 'audio/mpeg' }, purpose: 'reference' }],
    call: (client, params) => uploadMurekaFile(client, params),
  },
];

describeEndpoints(
  'Mureka',
  (fetch) => createMurekaClient({ apiKey: 'mureka-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
