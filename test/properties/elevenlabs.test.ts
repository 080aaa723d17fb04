/**
 * Bad input for every ElevenLabs music request schema, through the client: see ./harness.ts.
 */
import {
  composeMusic,
  composeMusicDetailed,
  composeMusicDetailedParamsSchema,
  composeMusicParamsSchema,
  createCompositionPlan,
  createCompositionPlanParamsSchema,
  createElevenLabsClient,
  type ElevenLabsClient,
  streamMusic,
  streamMusicParamsSchema,
} from '../../src/providers/elevenlabs/index.js';
import { describeEndpoints, type Endpoint, type RuleBreak } from './harness.js';

const range = { start_ms: 0, end_ms: 4000 };
/** A music_v1 plan with every field of a section. */
const sectionsPlan = {
  positive_global_styles: ['lo-fi'],
  negative_global_styles: ['metal'],
  sections: [
    {
      section_name: 'Intro',
      positive_local_styles: ['soft'],
      negative_local_styles: ['loud'],
      duration_ms: 10_000,
      lines: ['hello'],
      source_from: { song_id: 'song-1', range, negative_ranges: [range] },
    },
  ],
};
/** A music_v2 plan: a generated chunk with every field, then a reused one. */
const chunksPlan = {
  chunks: [
    {
      text: 'la la',
      duration_ms: 10_000,
      positive_styles: ['soft'],
      negative_styles: ['loud'],
      context_adherence: 'high',
      conditioning_ref: { song_id: 'song-1', range },
      condition_strength: 'xhigh',
    },
    { song_id: 'song-2', range },
  ],
};

const withPrompt = {
  prompt: 'calm piano',
  music_length_ms: 30_000,
  model_id: 'music_v1',
  force_instrumental: true,
  store_for_inpainting: true,
  finetune_id: 'ft-1',
  finetune_strength: 1,
  use_phonetic_names: false,
  output_format: 'mp3_44100_128',
};
const withPlan = { composition_plan: sectionsPlan, model_id: 'music_v1', seed: 7 };
const withChunks = { composition_plan: chunksPlan, model_id: 'music_v2', seed: 7, output_format: 'pcm_44100' };

const rules: RuleBreak[] = [
  {
    kind: 'mutually exclusive',
    label: 'prompt with composition_plan',
    set: { composition_plan: sectionsPlan },
    names: ['prompt'],
  },
  {
    kind: 'required with another',
    label: 'neither prompt nor composition_plan',
    set: { prompt: undefined },
    names: ['prompt'],
  },
  { kind: 'mutually exclusive', label: 'seed with prompt', set: { seed: 7 }, names: ['seed'] },
  {
    kind: 'required with another',
    label: 'finetune_strength without finetune_id',
    set: { finetune_id: undefined },
    names: ['finetune_strength'],
  },
  {
    kind: 'mutually exclusive',
    label: 'music_length_ms with a plan',
    example: 1,
    set: { music_length_ms: 30_000 },
    names: ['music_length_ms'],
  },
  {
    kind: 'mutually exclusive',
    label: 'force_instrumental with a plan',
    example: 1,
    set: { force_instrumental: true },
    names: ['force_instrumental'],
  },
  {
    kind: 'mutually exclusive',
    label: 'a sections plan for music_v2',
    example: 1,
    set: { model_id: 'music_v2' },
    names: ['composition_plan'],
  },
  {
    kind: 'out of range',
    label: 'a plan longer than 10 minutes',
    example: 1,
    set: {
      'composition_plan.sections': Array(6)
        .fill(sectionsPlan.sections[0])
        .map((s) => ({ ...s, duration_ms: 120_000 })),
    },
    names: ['composition_plan'],
  },
];
const composeRules: RuleBreak[] = [
  ...rules,
  {
    kind: 'mutually exclusive',
    label: 'respect_sections_durations with prompt',
    set: { respect_sections_durations: true },
    names: ['respect_sections_durations'],
  },
  {
    kind: 'mutually exclusive',
    label: 'sign_with_c2pa with pcm output',
    example: 2,
    set: { sign_with_c2pa: true },
    names: ['sign_with_c2pa'],
  },
];

const endpoints: Endpoint<ElevenLabsClient>[] = [
  {
    name: 'composeMusic (POST /v1/music)',
    schema: composeMusicParamsSchema,
    examples: [withPrompt, { ...withPlan, respect_sections_durations: true, sign_with_c2pa: true }, withChunks],
    call: (client, params) => composeMusic(client, params),
    rules: composeRules,
  },
  {
    name: 'streamMusic (POST /v1/music/stream)',
    schema: streamMusicParamsSchema,
    examples: [withPrompt, withPlan, withChunks],
    call: (client, params) => streamMusic(client, params),
    rules,
  },
  {
    name: 'composeMusicDetailed (POST /v1/music/detailed)',
    schema: composeMusicDetailedParamsSchema,
    examples: [
      { ...withPrompt, with_timestamps: true, model_style_prefix: 'music' },
      { ...withPlan, respect_sections_durations: false, sign_with_c2pa: true },
      withChunks,
    ],
    call: (client, params) => composeMusicDetailed(client, params),
    rules: composeRules,
  },
  {
    name: 'createCompositionPlan (POST /v1/music/plan)',
    schema: createCompositionPlanParamsSchema,
    examples: [
      { prompt: 'calm piano', music_length_ms: 30_000, source_composition_plan: sectionsPlan, model_id: 'music_v1' },
      { prompt: 'calm piano', source_composition_plan: chunksPlan, model_id: 'music_v2' },
    ],
    call: (client, params) => createCompositionPlan(client, params),
    rules: [
      {
        kind: 'mutually exclusive',
        label: 'a sections plan for music_v2',
        set: { model_id: 'music_v2' },
        names: ['source_composition_plan'],
      },
    ],
  },
];

describeEndpoints(
  'ElevenLabs',
  (fetch) => createElevenLabsClient({ apiKey: 'elevenlabs-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
