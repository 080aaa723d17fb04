/**
 * Default media providers, chosen from the API keys present: one table line per provider and kind, in the order
 * they are preferred. Adding a provider is one line.
 * @module
 */
import { RequestValidationError } from '../common/errors.js';
import { isRecord } from '../common/guards.js';
import type { MediaKind } from '../common/jobs.js';
import type { MediaCompletion, MediaProvider } from '../common/media-provider.js';
import { guessMimeType } from '../common/media-types.js';
import { firstEnvVar, runtimeEnv } from '../http/create-http-client.js';
import { ELEVENLABS_API_KEY_ENV } from '../providers/elevenlabs/client.js';
import { LALAL_API_KEY_ENV } from '../providers/lalal/client.js';
import type { LalalStemsInput, LalalTaskResult } from '../providers/lalal/index.js';
import { MINIMAX_API_KEY_ENV } from '../providers/minimax/client.js';
import { MUREKA_API_KEY_ENV } from '../providers/mureka/client.js';
import { STABILITY_PROVIDER } from '../providers/stability/client.js';
import { XAI_PROVIDER } from '../providers/xai/client.js';
import type { MediaCommonInput, MediaProviderEntry } from './media.js';

type Env = Record<string, string | undefined>;

/**
 * One line of the default table: a provider of one kind, made when one of its key variables is set. Its code is
 * imported at its first call (`load`), so an app pays at import time only for the table, not for eight providers.
 */
export interface DefaultLine {
  kind: MediaKind;
  /** The provider's name, as its provider object gives it. */
  provider: string;
  /** `immediate` when its `start` returns the finished media (as its provider object says). */
  completion: MediaCompletion;
  /** Key variables (first set wins). */
  keys: readonly string[];
  /** What the line makes, for the reason reported on results. */
  label: string;
  load(env: Env): Promise<MediaProvider>;
  /** Common input → start input, where the provider's input is not a prompt. */
  input?: (common: MediaCommonInput) => unknown;
}

/** A provider that imports its code at its first call; name, kind and completion are known before. */
function lazyProvider(line: DefaultLine, env: Env): MediaProvider {
  let loaded: Promise<MediaProvider> | undefined;
  const provider = () => {
    loaded ??= line.load(env);
    return loaded;
  };
  return {
    provider: line.provider,
    kind: line.kind,
    completion: line.completion,
    start: async (input, options) => (await provider()).start(input, options),
    status: async (job, options) => (await provider()).status(job, options),
    wait: async (job, options) => (await provider()).wait(job, options),
    download: async (job, options) => (await provider()).download(job, options),
  };
}

const minimax = async (env: Env) => {
  const module = await import('../providers/minimax/index.js');
  return { module, client: module.createMiniMaxClient({ env }) };
};
const xai = async (env: Env) => {
  const module = await import('../providers/xai/index.js');
  return { module, client: module.createXAIClient({ env }) };
};
const stability = async (env: Env) => {
  const module = await import('../providers/stability/index.js');
  return { module, client: module.createStabilityClient({ env }) };
};
const mureka = async (env: Env) => {
  const module = await import('../providers/mureka/index.js');
  return { module, client: module.createMurekaClient({ env }) };
};
const XAI_KEYS = XAI_PROVIDER.apiKeyEnv ?? ['XAI_API_KEY'];
const STABILITY_KEYS = STABILITY_PROVIDER.apiKeyEnv ?? ['STABILITY_API_KEY'];

/**
 * LALAL.AI for the stems line: it splits a local file, uploaded first. The path comes from the model, so only an
 * audio or video file (by its extension) is read and sent; anything else, a URL included, is refused before any
 * request (so the media toolset may try the next provider).
 */
async function lalalLocalFileProvider(env: Env): Promise<MediaProvider<LalalStemsInput, LalalTaskResult>> {
  const { createLalalClient, lalalStemsProvider } = await import('../providers/lalal/index.js');
  const stems = lalalStemsProvider(createLalalClient({ env }));
  return {
    ...stems,
    start(input, options) {
      const file = 'file' in input && isRecord(input.file) ? input.file.path : undefined;
      if (
        typeof file === 'string' &&
        (/^[a-z][\w+.-]*:\/\//i.test(file) || !/^(audio|video)\//.test(guessMimeType(file)))
      ) {
        const message = 'LALAL.AI splits a local audio or video file: give its path (mp3, wav, flac, m4a, ogg, mp4…)';
        return Promise.reject(new RequestValidationError([{ path: 'prompt', message }], 'lalal stems'));
      }
      return stems.start(input, options);
    },
  };
}

/**
 * The media toolset's common input → a LALAL.AI split of the file at `prompt`: the vocals stem unless
 * `options.presets` says otherwise, `model` as the splitter; the other options are the split's own fields.
 */
function lalalInput({ prompt, model, options }: MediaCommonInput): unknown {
  const presets = isRecord(options?.presets) ? options.presets : {};
  return {
    ...options,
    presets: { stem: 'vocals', ...(model ? { splitter: model } : {}), ...presets },
    file: { path: prompt },
  };
}

/**
 * The preference order per kind: video MiniMax H3, then xAI; image xAI, MiniMax, Stability; music Mureka,
 * ElevenLabs, Stability, MiniMax; audio Stability; stems Mureka (the prompt is the song's URL), then LALAL.AI (the
 * prompt is a local audio or video file's path: Mureka refuses a path before sending, so the toolset falls back to
 * LALAL.AI). Sora is closed and never a default.
 */
export const DEFAULT_LINES: readonly DefaultLine[] = [
  {
    kind: 'video',
    provider: 'minimax',
    completion: 'job',
    keys: MINIMAX_API_KEY_ENV,
    label: 'MiniMax H3',
    load: async (env) => minimax(env).then(({ module, client }) => module.minimaxVideoProvider(client)),
  },
  {
    kind: 'video',
    provider: 'xai',
    completion: 'job',
    keys: XAI_KEYS,
    label: 'xAI Grok Imagine video',
    load: async (env) => xai(env).then(({ module, client }) => module.xaiVideoProvider(client)),
  },
  {
    kind: 'image',
    provider: 'xai',
    completion: 'immediate',
    keys: XAI_KEYS,
    label: 'xAI Grok Imagine',
    load: async (env) => xai(env).then(({ module, client }) => module.xaiImageProvider(client)),
  },
  {
    kind: 'image',
    provider: 'minimax',
    completion: 'immediate',
    keys: MINIMAX_API_KEY_ENV,
    label: 'MiniMax image-01',
    load: async (env) => minimax(env).then(({ module, client }) => module.minimaxImageProvider(client)),
  },
  {
    kind: 'image',
    provider: 'stability',
    completion: 'immediate',
    keys: STABILITY_KEYS,
    label: 'Stable Image Core',
    load: async (env) => stability(env).then(({ module, client }) => module.stabilityImageProvider(client)),
  },
  {
    kind: 'music',
    provider: 'mureka',
    completion: 'job',
    keys: MUREKA_API_KEY_ENV,
    label: 'Mureka',
    load: async (env) => mureka(env).then(({ module, client }) => module.murekaMusicProvider(client)),
  },
  {
    kind: 'music',
    provider: 'elevenlabs',
    completion: 'immediate',
    keys: ELEVENLABS_API_KEY_ENV,
    label: 'ElevenLabs music',
    load: async (env) => {
      const module = await import('../providers/elevenlabs/index.js');
      return module.elevenLabsMusicProvider(module.createElevenLabsClient({ env }));
    },
  },
  {
    kind: 'music',
    provider: 'stability',
    completion: 'immediate',
    keys: STABILITY_KEYS,
    label: 'Stable Audio',
    load: async (env) => stability(env).then(({ module, client }) => module.stabilityAudioProvider(client)),
  },
  {
    kind: 'music',
    provider: 'minimax',
    completion: 'immediate',
    keys: MINIMAX_API_KEY_ENV,
    label: 'MiniMax music',
    load: async (env) => minimax(env).then(({ module, client }) => module.minimaxMusicProvider(client)),
  },
  {
    kind: 'audio',
    provider: 'stability',
    completion: 'immediate',
    keys: STABILITY_KEYS,
    label: 'Stable Audio',
    load: async (env) =>
      stability(env).then(({ module, client }) => module.stabilityAudioProvider(client, { kind: 'audio' })),
  },
  {
    kind: 'stems',
    provider: 'mureka',
    completion: 'immediate',
    keys: MUREKA_API_KEY_ENV,
    label: 'Mureka stem separation (the prompt is the song URL)',
    load: async (env) => mureka(env).then(({ module, client }) => module.murekaStemsProvider(client)),
    input: ({ prompt, options }) => ({ ...options, url: prompt }),
  },
  {
    kind: 'stems',
    provider: 'lalal',
    completion: 'job',
    keys: LALAL_API_KEY_ENV,
    label: 'LALAL.AI (the prompt is the path of a local audio or video file)',
    load: lalalLocalFileProvider as DefaultLine['load'],
    input: lalalInput,
  },
];

/** Options of {@link defaultMediaProviders}. */
export interface DefaultMediaProvidersOptions {
  /** Environment to read the keys from (default: the runtime's). Clients made here read their keys from it. */
  env?: Record<string, string | undefined>;
  /** Kinds to configure (default: all). */
  kinds?: readonly MediaKind[];
}

/**
 * The media providers whose keys are set, in preference order per kind (video: MiniMax H3, xAI; image: xAI,
 * MiniMax, Stability; music: Mureka, ElevenLabs, Stability, MiniMax; audio: Stability; stems: Mureka with the
 * song's https URL as the prompt, then LALAL.AI with a local audio or video file's path), each with the reason it
 * was chosen (reported on the creation tools' results). Pass the result to `createMediaToolset({ providers })`.
 * @example
 * ```ts
 * const media = createMediaToolset({ providers: defaultMediaProviders(), outputDir: './out' });
 * ```
 */
export function defaultMediaProviders(options: DefaultMediaProvidersOptions = {}): MediaProviderEntry[] {
  const env = options.env ?? runtimeEnv();
  const entries: MediaProviderEntry[] = [];
  for (const line of DEFAULT_LINES) {
    if (options.kinds && !options.kinds.includes(line.kind)) continue;
    const key = line.keys.find((name) => firstEnvVar(env, [name]) !== undefined);
    if (key === undefined) continue;
    const first = !entries.some((entry) => entry.provider.kind === line.kind);
    const rank = first ? 'default' : 'fallback';
    const reason = `${rank} ${line.kind} provider ${line.label}: ${key} is set`;
    entries.push({ provider: lazyProvider(line, env), reason, ...(line.input ? { input: line.input } : {}) });
  }
  return entries;
}
