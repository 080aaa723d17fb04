/**
 * Mureka as media providers: songs and instrumentals (kind `music`, asynchronous tasks) and stem separation
 * (kind `stems`, synchronous), so the cross-provider media toolset can drive them like any other provider.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import { RequestValidationError } from '../../common/errors.js';
import type { JobRef, JobStatus, MediaArtifact } from '../../common/jobs.js';
import type { MediaProvider, SaveOptions } from '../../common/media-provider.js';
import { createImmediateMediaProvider } from '../../http/immediate-media-provider.js';
import type { MurekaClient } from './client.js';
import { downloadMurekaChoice, MUREKA_FORMAT_MIME_TYPES, type MurekaAudioFormat } from './download.js';
import { MUREKA_PROVIDER_NAME } from './errors.js';
import {
  type GenerateInstrumentalParams,
  type GenerateSongParams,
  generateInstrumental,
  generateSong,
} from './songs.js';
import { type MurekaStems, type SeparateStemsParams, separateStems } from './stems.js';
import {
  type MurekaTask,
  murekaJobRef,
  murekaTaskStatus,
  parseMurekaJobId,
  queryMurekaTask,
  waitForMurekaTask,
} from './tasks.js';

/**
 * What {@link murekaMusicProvider} starts: a song when `lyrics` is given, else an instrumental. `model` defaults to
 * the provider's (`auto`), `n` to 1 (Mureka's own default, 2, bills two tracks).
 */
export type MurekaMusicInput =
  | (Omit<GenerateSongParams, 'model'> & { model?: string })
  | (Omit<GenerateInstrumentalParams, 'model'> & { model?: string; lyrics?: undefined });

/** Options of {@link murekaMusicProvider}. */
export interface MurekaMusicProviderOptions {
  /** Model when the input names none (default `auto`). */
  model?: string;
  /** Format `download` saves (default `mp3`). */
  format?: MurekaAudioFormat;
}

function toRef(job: JobRef | string): JobRef {
  if (typeof job !== 'string') return job;
  const { type, taskId } = parseMurekaJobId(job);
  return murekaJobRef({ id: taskId }, type);
}

async function saveChoice(
  client: MurekaClient,
  ref: JobRef,
  task: MurekaTask,
  format: MurekaAudioFormat,
  options: SaveOptions,
): Promise<MediaArtifact> {
  if (task.status !== 'succeeded') {
    throw new RequestValidationError(
      [{ path: 'job', message: `the Mureka task is ${task.status}, not succeeded: wait for it first` }],
      'mureka download',
    );
  }
  const saved = await downloadMurekaChoice(client, task, {
    to: options.to,
    format,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const artifact: MediaArtifact = {
    kind: 'audio',
    mimeType: MUREKA_FORMAT_MIME_TYPES[format],
    bytes: saved.bytes,
    provider: MUREKA_PROVIDER_NAME,
    job: ref,
  };
  if (saved.path !== undefined) artifact.path = saved.path;
  if (typeof saved.choice.duration === 'number') artifact.durationMs = saved.choice.duration;
  return artifact;
}

/**
 * Makes the Mureka music {@link MediaProvider}: `start` starts a song (with `lyrics`) or an instrumental and returns
 * its job reference (instrumental ids carry an `instrumental:` prefix); `status` normalises the task (`timeouted` →
 * expired); `wait` polls until it succeeds; `download` saves the first track in the provider's format.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const music = murekaMusicProvider(createMurekaClient(), { format: 'flac' });
 * const job = await music.start({ lyrics: '[Verse]\nCarry me home', prompt: 'indie folk, warm male vocal' });
 * await music.wait(job);
 * const artifact = await music.download(job, { to: './song.flac' });
 * ```
 */
export function murekaMusicProvider(
  client: MurekaClient,
  providerOptions: MurekaMusicProviderOptions = {},
): MediaProvider<MurekaMusicInput, MurekaTask> {
  const model = providerOptions.model ?? 'auto';
  const format = providerOptions.format ?? 'mp3';
  return {
    provider: MUREKA_PROVIDER_NAME,
    kind: 'music',
    completion: 'job',
    async start(input, options = {}) {
      const request = options.signal ? { signal: options.signal } : {};
      if (typeof input.lyrics === 'string') {
        const params = { n: 1, ...input, model: input.model ?? model } as GenerateSongParams;
        return murekaJobRef(await generateSong(client, params, request), 'song');
      }
      const { lyrics: _none, ...rest } = input;
      const params = { n: 1, ...rest, model: input.model ?? model } as GenerateInstrumentalParams;
      return murekaJobRef(await generateInstrumental(client, params, request), 'instrumental');
    },
    async status(job, options = {}): Promise<JobStatus<MurekaTask>> {
      const { type, taskId } = parseMurekaJobId(job);
      return murekaTaskStatus(await queryMurekaTask(client, type, taskId, options));
    },
    async wait(job, options = {}) {
      return murekaTaskStatus(await waitForMurekaTask(client, toRef(job), options));
    },
    async download(job, options) {
      const ref = toRef(job);
      const { type, taskId } = parseMurekaJobId(ref);
      const signal = options.signal ? { signal: options.signal } : {};
      return saveChoice(client, ref, await queryMurekaTask(client, type, taskId, signal), format, options);
    },
  };
}

/** Options of {@link murekaStemsProvider}. */
export interface MurekaStemsProviderOptions {
  /** How many finished splits are held for `download` (default 8). */
  maxHeld?: number;
}

/**
 * Mureka stem separation as an immediate {@link MediaProvider} (kind `stems`): `start` splits the song (one paid,
 * synchronous request) and holds the ZIP's URL; `download` saves the ZIP (one audio file per stem).
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const stems = murekaStemsProvider(createMurekaClient());
 * const job = await stems.start({ url: 'https://example.com/track.mp3', model: 'audio-separation-2' });
 * await stems.download(job, { to: './stems.zip' });
 * ```
 */
export function murekaStemsProvider(
  client: MurekaClient,
  options: MurekaStemsProviderOptions = {},
): MediaProvider<SeparateStemsParams, MurekaStems> {
  return createImmediateMediaProvider({
    provider: MUREKA_PROVIDER_NAME,
    kind: 'stems',
    fetch: client.options.fetch,
    ...(options.maxHeld === undefined ? {} : { maxHeld: options.maxHeld }),
    async make(input, { signal }) {
      const stems = await separateStems(client, input, signal ? { signal } : {});
      return {
        url: stems.zip_url,
        mimeType: 'application/zip',
        result: stems,
        ...(input.model ? { model: input.model } : {}),
      };
    },
  });
}
