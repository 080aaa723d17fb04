/**
 * Helpers shared by the Sora endpoint functions: validation with the `unlisted()` hint, upload preparation,
 * response checks, and the mapping of an API-wide 404 / 410 to {@link ApiRetiredError}.
 * Not exported from the package.
 * @module
 */
import type { $ZodType, output } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import {
  ApiError,
  ApiRetiredError,
  ContentFilterError,
  RequestValidationError,
  ResponseValidationError,
  rewrapApiError,
} from '../../../common/errors.js';
import { extensionForMimeType, sniffMimeType } from '../../../common/media-types.js';
import { validateInput } from '../../../common/validate.js';
import type { FileData, FileInput } from '../../../http/multipart.js';
import { OPENAI_PROVIDER } from '../client.js';
import { SORA_SHUTDOWN_DATE } from './types.js';

/** Fields that accept `unlisted('…')` for values the spec does not list yet. */
const OPEN_ENUM_FIELDS: readonly string[] = ['seconds', 'size', 'variant'];

/** {@link validateInput}, plus a hint on open enum fields about the `unlisted()` escape hatch. */
export function validate<T extends $ZodType>(schema: T, input: unknown, context: string): output<T> {
  try {
    return validateInput(schema, input, context);
  } catch (error) {
    if (!RequestValidationError.isInstance(error)) throw error;
    const issues = error.issues.map((issue) =>
      issue.allowed && OPEN_ENUM_FIELDS.includes(issue.path)
        ? { ...issue, message: `${issue.message} (for a value the spec does not list yet, pass unlisted('…'))` }
        : issue,
    );
    throw new RequestValidationError(issues, context);
  }
}

/** Value of an open enum field after validation: the plain string, or the `unlisted()` wrapper. */
type OpenValue = string | { unlisted: string };

/** Replaces `unlisted('…')` wrappers (in `seconds`, `size`, `variant`) with the raw value to send. */
export function unwrapUnlisted<T extends object>(
  body: T,
): { [K in keyof T]: T[K] extends OpenValue | undefined ? Exclude<T[K], { unlisted: string }> : T[K] } {
  const out = { ...body } as Record<string, unknown>;
  for (const field of OPEN_ENUM_FIELDS) {
    const value = out[field];
    if (typeof value === 'object' && value !== null) out[field] = (value as { unlisted: string }).unlisted;
  }
  return out as never;
}

/** Parses what we read of a response; throws {@link ResponseValidationError} when it does not fit. */
export function readResponse<T>(schema: $ZodType, body: unknown, what: string): T {
  const result = safeParse(schema, body);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? `${first.path.join('.') || '(body)'}: ${first.message}` : 'unexpected shape';
    throw new ResponseValidationError('openai', `${what}: ${where}`, body);
  }
  // The lenient schema keeps unknown fields, so the parsed object is the provider's own object.
  return result.data as T;
}

/**
 * Gives an upload without a name or MIME type both, guessed from its first bytes (the API needs the part's
 * content type to accept an image or a video). Paths are left to `toFormData`, which names them by extension.
 */
export async function prepareUpload(input: FileInput, baseName: string, fallbackType: string): Promise<FileInput> {
  if (typeof input === 'object' && input !== null && 'path' in input) return input;
  let data: Blob | Uint8Array | ArrayBuffer;
  let filename: string | undefined;
  let type: string | undefined;
  if (input instanceof Blob || input instanceof Uint8Array || input instanceof ArrayBuffer) {
    data = input;
  } else {
    const fileData = input as FileData;
    data = fileData.data;
    filename = fileData.filename;
    type = fileData.type;
  }
  if (data instanceof Blob) {
    const name = (data as Blob & { name?: unknown }).name;
    if (filename === undefined && typeof name === 'string' && name) filename = name;
    if (type === undefined && data.type) type = data.type;
  }
  if (filename !== undefined && type !== undefined) return { data, filename, type };
  const head =
    data instanceof Blob
      ? new Uint8Array(await data.slice(0, 16).arrayBuffer())
      : data instanceof Uint8Array
        ? data.subarray(0, 16)
        : new Uint8Array(data, 0, Math.min(16, data.byteLength));
  const sniffed = sniffMimeType(head);
  return {
    data,
    filename: filename ?? `${baseName}.${sniffed ? extensionForMimeType(sniffed) : 'bin'}`,
    type: type ?? sniffed ?? fallbackType,
  };
}

/** Where a call went, for the retirement check. */
export interface CallSite {
  /** `GET /videos/{id}`-style description. */
  route: string;
  /** Ids the request names (in the path, or a source video / file id in the body). */
  ids?: readonly string[];
  /**
   * The client's base URL. A 404 from one that is not OpenAI's own is taken as the user's setup (the HTTP layer's
   * message asks about the `/v1` path), never as the API's retirement.
   */
  baseUrl?: string;
}

const RETIRED_WORDS =
  /invalid url|unknown (url|endpoint|route)|no longer (available|supported)|shut ?down|deprecat|retired|sunset/i;

/**
 * True when a 404 / 410 is about the API as a whole rather than one missing video or character:
 * - 410 Gone, always;
 * - 404 whose body says so in words ("Invalid URL", "shut down", "deprecated", …): the route is gone;
 * - 404 whose body names an id of the request (unknown video, character or file), or says
 *   `model_not_found`: not API-wide, stays a `NotFoundError`;
 * - 404 on a request that names no id (create from a prompt, list): the route itself is gone;
 * - otherwise, a 404 that is not OpenAI's error envelope at all (a gateway's page).
 */
export function isApiWideGone(error: ApiError, site: CallSite): boolean {
  if (error.status === 410) return true;
  if (error.status !== 404 || error.code === 'model_not_found') return false;
  const body = error.body;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  if (RETIRED_WORDS.test(text)) return true;
  const ids = site.ids ?? [];
  if (ids.some((id) => id !== '' && text.includes(id))) return false;
  if (ids.length === 0) return true;
  const envelope = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'object';
  return !envelope;
}

const MODERATION_CODES = /moderation|content_policy|safety/i;

/**
 * Sharpens an API error of a Sora call: an API-wide 404 / 410 becomes {@link ApiRetiredError} (see
 * {@link isApiWideGone}); a 400 whose code names moderation (`moderation_blocked`) becomes
 * {@link ContentFilterError}. Every other error is returned unchanged.
 */
export function mapVideoError(error: unknown, site: CallSite): unknown {
  const already = ApiRetiredError.isInstance(error) || ContentFilterError.isInstance(error);
  if (already || !ApiError.isInstance(error)) return error;
  const ownBaseUrl = site.baseUrl === undefined || site.baseUrl === OPENAI_PROVIDER.baseUrl;
  if ((ownBaseUrl || error.status === 410) && isApiWideGone(error, site)) {
    const message =
      `The OpenAI Videos API (Sora) was shut down on ${SORA_SHUTDOWN_DATE}: it answered ${error.status} for ${site.route}. ` +
      'Use another video provider, such as MiniMax video (`hello-dave/minimax`).';
    return rewrapApiError(error, ApiRetiredError, message);
  }
  if (error.status === 400 && error.code !== undefined && MODERATION_CODES.test(error.code)) {
    return rewrapApiError(error, ContentFilterError);
  }
  return error;
}

/** Runs one API call through {@link mapVideoError}. */
export async function call<T>(site: CallSite, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapVideoError(error, site);
  }
}
