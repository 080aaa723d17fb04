/**
 * `hello-dave/http`: the HTTP layer alone — provider clients, retries, timeouts, server-sent events, multipart,
 * `pollJob` and `download` — with the error family and job types, and without zod. For apps and custom
 * providers that need only the transport: importing it does not load zod (about 12 MB of memory in Node).
 * @module
 */
export * from '../common/errors.js';
export * from '../common/jobs.js';
export type * from '../common/media-provider.js';
export { guessMimeType } from '../common/media-types.js';
export {
  createStreamRedactor,
  forgetSecret,
  redactSecrets,
  registerSecret,
  type StreamRedactor,
} from '../common/secrets.js';
export { apiErrorFromVerdict, type VerdictSource } from './api-error.js';
export { createHttpClient } from './create-http-client.js';
export {
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
  download,
  type SaveResponseOptions,
  saveResponse,
} from './download.js';
export {
  createImmediateMediaProvider,
  type ImmediateMedia,
  type ImmediateMediaProviderOptions,
} from './immediate-media-provider.js';
export {
  type FileData,
  type FileInput,
  type FilePath,
  type FormValue,
  isFileInput,
  toBlob,
  toFormData,
} from './multipart.js';
export { isTransientError, type PollJobOptions, pollJob } from './poll-job.js';
export {
  defaultClassifier,
  extractMessage,
  kindForStatus,
  parseRetryAfter,
  RETRYABLE_STATUSES,
} from './retry.js';
export { DEFAULT_MAX_SSE_LINE_LENGTH, parseSse, type SseOptions, SseParser } from './sse.js';
export type * from './types.js';
