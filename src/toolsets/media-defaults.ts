/**
 * Default media providers, chosen from the API keys present: one table line per provider and kind, in the order
 * they are preferred. Adding a provider is one line.
 * @module
 */
import { RequestValidationError } from '../common/errors.js';
import { isRecord } from '../common/guards.js';
import type { MediaKind } from '../common/jobs.js';
import type { MediaProvider } from '../common/media-provider.js';
import { guessMimeType } from '../common/media-types.js';
import { firstEnvVar, runtimeEnv } from '../http/create-http-client.js';
import {
  createElevenLabsClient,
  ELEVENLABS_API_KEY_ENV,
  elevenLabsMusicProvider,
} from '../providers/elevenlabs/index.js';
import {
  createLalalClient,
  LALAL_API_KEY_ENV,
  type LalalStemsInput,
  type LalalTaskResult,
  lalalStemsProvider,
} from '../providers/lalal/index.js';
import {
  createMiniMaxClient,
  MINIMAX_API_KEY_ENV,
  minimaxImageProvider,
  minimaxMusicProvider,
  minimaxVideoProvider,
} from '../providers/minimax/index.js';
import {
  createMurekaClient,
  MUREKA_API_KEY_ENV,
  murekaMusicProvider,
  murekaStemsProvider,
} from '../providers/mureka/index.js';
import {
  createStabilityClient,
  STABILITY_PROVIDER,
  stabilityAudioProvider,
  stabilityImageProvider,
} from '../providers/stability/index.js';
import { createXAIClient, XAI_PROVIDER, xaiImageProvider, xaiVideoProvider } from '../providers/xai/index.js';
import type { MediaCommonInput, MediaProviderEntry } from './media.js';

type Env = Record<string, string | undefined>;

/** One line of the default table: a provider of one kind, made when one of its key variables is set. */
interface DefaultLine {
  kind: MediaKind;
  /** Key variables (first set wins). */
  keys: readonly string[];
  /** What the line makes, for the reason reported on results. */
  label: string;
  make(env: Env): MediaProvider;
  /** Common input → start input, where the provider's input is not a prompt. */
  input?: (common: MediaCommonInput) => unknown;
}

const minimax = (env: Env) => createMiniMaxClient({ env });
const xai = (env: Env) => createXAIClient({ env });
const stability = (env: Env) => createStabilityClient({ env });
const XAI_KEYS = XAI_PROVIDER.apiKeyEnv ?? ['XAI_API_KEY'];
const STABILITY_KEYS = STABILITY_PROVIDER.apiKeyEnv ?? ['STABILITY_API_KEY'];

/**
 * LALAL.AI for the stems line: it splits a local file, uploaded first. The path comes from the model, so only an
 * audio or video file (by its extension) is read and sent; anything else, a URL included, is refused before any
 * request (so the media toolset may try the next provider).
 */
function lalalLocalFileProvider(env: Env): MediaProvider<LalalStemsInput, LalalTaskResult> {
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
const DEFAULT_LINES: readonly DefaultLine[] = [
  { kind: 'video', keys: MINIMAX_API_KEY_ENV, label: 'MiniMax H3', make: (env) => minimaxVideoProvider(minimax(env)) },
  { kind: 'video', keys: XAI_KEYS, label: 'xAI Grok Imagine video', make: (env) => xaiVideoProvider(xai(env)) },
  { kind: 'image', keys: XAI_KEYS, label: 'xAI Grok Imagine', make: (env) => xaiImageProvider(xai(env)) },
  {
    kind: 'image',
    keys: MINIMAX_API_KEY_ENV,
    label: 'MiniMax image-01',
    make: (env) => minimaxImageProvider(minimax(env)),
  },
  {
    kind: 'image',
    keys: STABILITY_KEYS,
    label: 'Stable Image Core',
    make: (env) => stabilityImageProvider(stability(env)),
  },
  {
    kind: 'music',
    keys: MUREKA_API_KEY_ENV,
    label: 'Mureka',
    make: (env) => murekaMusicProvider(createMurekaClient({ env })),
  },
  {
    kind: 'music',
    keys: ELEVENLABS_API_KEY_ENV,
    label: 'ElevenLabs music',
    make: (env) => elevenLabsMusicProvider(createElevenLabsClient({ env })),
  },
  { kind: 'music', keys: STABILITY_KEYS, label: 'Stable Audio', make: (env) => stabilityAudioProvider(stability(env)) },
  {
    kind: 'music',
    keys: MINIMAX_API_KEY_ENV,
    label: 'MiniMax music',
    make: (env) => minimaxMusicProvider(minimax(env)),
  },
  {
    kind: 'audio',
    keys: STABILITY_KEYS,
    label: 'Stable Audio',
    make: (env) => stabilityAudioProvider(stability(env), { kind: 'audio' }),
  },
  {
    kind: 'stems',
    keys: MUREKA_API_KEY_ENV,
    label: 'Mureka stem separation (the prompt is the song URL)',
    make: (env) => murekaStemsProvider(createMurekaClient({ env })),
    input: ({ prompt, options }) => ({ ...options, url: prompt }),
  },
  {
    kind: 'stems',
    keys: LALAL_API_KEY_ENV,
    label: 'LALAL.AI (the prompt is the path of a local audio or video file)',
    make: lalalLocalFileProvider,
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
    entries.push({ provider: line.make(env), reason, ...(line.input ? { input: line.input } : {}) });
  }
  return entries;
}
