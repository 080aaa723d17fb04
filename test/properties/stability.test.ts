/**
 * Bad input for every Stability AI request schema, through the client: see ./harness.ts.
 */
import {
  audioToAudio,
  createStabilityClient,
  eraseImage,
  generateCore,
  generateSd3,
  generateUltra,
  inpaintImage,
  outpaintImage,
  removeBackground,
  type StabilityClient,
  searchAndRecolor,
  searchAndReplace,
  stabilityAudioToAudioSchema,
  stabilityConservativeUpscaleSchema,
  stabilityCoreSchema,
  stabilityCreativeUpscaleSchema,
  stabilityEraseSchema,
  stabilityFastUpscaleSchema,
  stabilityInpaintSchema,
  stabilityOutpaintSchema,
  stabilityRemoveBackgroundSchema,
  stabilitySd3Schema,
  stabilitySearchAndRecolorSchema,
  stabilitySearchAndReplaceSchema,
  stabilityTextToAudioSchema,
  stabilityUltraSchema,
  startCreativeUpscale,
  textToAudio,
  upscaleConservative,
  upscaleFast,
} from '../../src/providers/stability/index.js';
import { describeEndpoints, type Endpoint } from './harness.js';

/** Eight bytes of PNG signature: a file as far as the request is concerned. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MP3 = { data: new Uint8Array([0x49, 0x44, 0x33, 4, 0]), filename: 'in.mp3', type: 'audio/mpeg' };
const common = { negative_prompt: 'blur', seed: 42, output_format: 'webp', style_preset: 'anime' };

const endpoints: Endpoint<StabilityClient>[] = [
  {
    name: 'generateUltra (POST /v2beta/stable-image/generate/ultra)',
    schema: stabilityUltraSchema,
    examples: [
      { prompt: 'a lighthouse', aspect_ratio: '16:9', ...common },
      { prompt: 'a lighthouse', image: PNG, strength: 0.5 },
    ],
    call: (client, params) => generateUltra(client, params),
    rules: [
      {
        kind: 'required with another',
        label: 'image without strength',
        example: 1,
        set: { strength: undefined },
        names: ['strength'],
      },
      {
        kind: 'mutually exclusive',
        label: 'strength without image',
        example: 1,
        set: { image: undefined },
        names: ['strength'],
      },
    ],
  },
  {
    name: 'generateCore (POST /v2beta/stable-image/generate/core)',
    schema: stabilityCoreSchema,
    examples: [{ prompt: 'a lighthouse', aspect_ratio: '1:1', ...common }],
    call: (client, params) => generateCore(client, params),
  },
  {
    name: 'generateSd3 (POST /v2beta/stable-image/generate/sd3)',
    schema: stabilitySd3Schema,
    examples: [
      {
        prompt: 'a lighthouse',
        model: 'sd3.5-large',
        mode: 'text-to-image',
        aspect_ratio: '3:2',
        cfg_scale: 4,
        ...common,
      },
      { prompt: 'a lighthouse', mode: 'image-to-image', image: PNG, strength: 0.7 },
    ],
    call: (client, params) => generateSd3(client, params),
    rules: [
      {
        kind: 'required with another',
        label: 'image-to-image without image',
        example: 1,
        set: { image: undefined },
        names: ['image'],
      },
      {
        kind: 'required with another',
        label: 'image-to-image without strength',
        example: 1,
        set: { strength: undefined },
        names: ['strength'],
      },
      {
        kind: 'mutually exclusive',
        label: 'an image in text-to-image mode',
        example: 1,
        set: { mode: 'text-to-image' },
        names: ['mode'],
      },
    ],
  },
  {
    name: 'eraseImage (POST /v2beta/stable-image/edit/erase)',
    schema: stabilityEraseSchema,
    examples: [{ image: PNG, mask: PNG, grow_mask: 5, seed: 1, output_format: 'png' }],
    call: (client, params) => eraseImage(client, params),
  },
  {
    name: 'inpaintImage (POST /v2beta/stable-image/edit/inpaint)',
    schema: stabilityInpaintSchema,
    examples: [{ image: PNG, prompt: 'a cat', mask: PNG, grow_mask: 50, ...common }],
    call: (client, params) => inpaintImage(client, params),
  },
  {
    name: 'outpaintImage (POST /v2beta/stable-image/edit/outpaint)',
    schema: stabilityOutpaintSchema,
    examples: [
      {
        image: PNG,
        left: 100,
        right: 0,
        up: 10,
        down: 2000,
        prompt: 'more sky',
        creativity: 0.5,
        seed: 3,
        output_format: 'jpeg',
        style_preset: 'pixel-art',
      },
    ],
    call: (client, params) => outpaintImage(client, params),
    rules: [
      {
        kind: 'required with another',
        label: 'no side to extend',
        set: { left: undefined, right: undefined, up: undefined, down: undefined },
        names: ['left'],
      },
    ],
  },
  {
    name: 'searchAndReplace (POST /v2beta/stable-image/edit/search-and-replace)',
    schema: stabilitySearchAndReplaceSchema,
    examples: [{ image: PNG, prompt: 'a dog', search_prompt: 'cat', grow_mask: 3, ...common }],
    call: (client, params) => searchAndReplace(client, params),
  },
  {
    name: 'searchAndRecolor (POST /v2beta/stable-image/edit/search-and-recolor)',
    schema: stabilitySearchAndRecolorSchema,
    examples: [{ image: PNG, prompt: 'red', select_prompt: 'car', grow_mask: 3, ...common }],
    call: (client, params) => searchAndRecolor(client, params),
  },
  {
    name: 'removeBackground (POST /v2beta/stable-image/edit/remove-background)',
    schema: stabilityRemoveBackgroundSchema,
    examples: [{ image: PNG, output_format: 'webp' }],
    call: (client, params) => removeBackground(client, params),
  },
  {
    name: 'upscaleFast (POST /v2beta/stable-image/upscale/fast)',
    schema: stabilityFastUpscaleSchema,
    examples: [{ image: PNG, output_format: 'png' }],
    call: (client, params) => upscaleFast(client, params),
  },
  {
    name: 'upscaleConservative (POST /v2beta/stable-image/upscale/conservative)',
    schema: stabilityConservativeUpscaleSchema,
    examples: [
      { image: PNG, prompt: 'sharp', negative_prompt: 'blur', seed: 9, creativity: 0.3, output_format: 'png' },
    ],
    call: (client, params) => upscaleConservative(client, params),
  },
  {
    name: 'startCreativeUpscale (POST /v2beta/stable-image/upscale/creative)',
    schema: stabilityCreativeUpscaleSchema,
    examples: [{ image: PNG, prompt: 'sharp', ...common, creativity: 0.3 }],
    call: (client, params) => startCreativeUpscale(client, params),
  },
  {
    name: 'textToAudio (POST /v2beta/audio/stable-audio-2/text-to-audio)',
    schema: stabilityTextToAudioSchema,
    examples: [
      { prompt: 'rain', model: 'stable-audio-2', duration: 30, seed: 5, steps: 50, cfg_scale: 7, output_format: 'wav' },
    ],
    call: (client, params) => textToAudio(client, params),
    rules: [
      {
        kind: 'out of range',
        label: 'steps 50 for stable-audio-2.5 (4–8)',
        set: { model: 'stable-audio-2.5' },
        names: ['steps'],
      },
    ],
  },
  {
    name: 'audioToAudio (POST /v2beta/audio/stable-audio-2/audio-to-audio)',
    schema: stabilityAudioToAudioSchema,
    examples: [
      {
        prompt: 'rain',
        audio: MP3,
        strength: 0.5,
        model: 'stable-audio-2.5',
        steps: 8,
        duration: 20,
        seed: 1,
        cfg_scale: 2,
        output_format: 'mp3',
      },
    ],
    call: (client, params) => audioToAudio(client, params),
    rules: [
      {
        kind: 'out of range',
        label: 'strength below 0.01 on stable-audio-2.5',
        set: { strength: 0.001 },
        names: ['strength'],
      },
    ],
  },
];

describeEndpoints(
  'Stability AI',
  (fetch) => createStabilityClient({ apiKey: 'stability-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
