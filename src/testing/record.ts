/**
 * Record mode: a fetch wrapper that passes requests to the real fetch and writes each exchange as a fixture,
 * with every auth header and key-like query value replaced by `<redacted>`.
 * @module
 */
import { HelloDaveError } from '../common/errors.js';
import { extensionForMimeType, normalizeMimeType } from '../common/media-types.js';
import { isSecretHeader, isSecretQueryName, redactCredential, redactSecrets } from '../common/secrets.js';
import { type Fixture, type FixtureRequestBody, type FixtureResponseBody, REDACTED } from './fixture.js';
import { captureRequest, isTextual, queryOf } from './match.js';
import { parseSseText } from './sse.js';

// The secret rules live in the secrets module; `hello-dave/testing` has long exported these three.
export { isSecretHeader, isSecretQueryName, redactCredential } from '../common/secrets.js';

/** One recorded exchange. */
export interface RecordedExchange {
  /** Fixture base name, `<endpoint>-<scenario>`. */
  name: string;
  /** Position in its sequence (1, 2, …). */
  n: number;
  /** The fixture (binary bodies as `{ file }` when a `dir` is given, `{ base64 }` otherwise). */
  fixture: Fixture;
  /** Written fixture file, when a `dir` is given. */
  file?: string;
}

/** Options of {@link createRecordingFetch}. */
export interface RecordingOptions {
  /** The fetch that does the real work. Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Called with each complete exchange (after its body was read to the end). */
  onRecord?(fixture: Fixture, exchange: RecordedExchange): void | Promise<void>;
  /** Folder to write `<name>.<n>.json` (and binary siblings) into; created when missing. */
  dir?: string;
  /**
   * Fixture base name for a request (`videos-create-ok`); `n` counts every recorded call from 1.
   * Calls that get the same name form a sequence (`.1.json`, `.2.json`, …). Default: method and path,
   * e.g. `post-v1-videos`.
   */
  name?: (request: Request, n: number) => string;
  /** More header names to record with their value redacted (auth-like names are always redacted). */
  redactHeaders?: string[];
  /** More request header names to record as sent (e.g. `anthropic-version`). */
  recordHeaders?: string[];
}

/** A fetch that records; `flush()` waits until every exchange so far is written. */
export type RecordingFetch = typeof globalThis.fetch & {
  /** Every exchange recorded so far. */
  readonly exchanges: readonly RecordedExchange[];
  /** Resolves when every started recording is finished (bodies read, files written); rejects on write errors. */
  flush(): Promise<void>;
};

/** The secret part of a credential (what must never be written). */
function secretPart(value: string): string {
  return value.replace(/^(Bearer|Basic|Token|Key|Digest)\s+/i, '');
}

const RESPONSE_HEADER = /^(content-type|retry-after|retry-after-ms|x-should-retry)$|request-?id|trace-?id/;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function defaultName(request: Request): string {
  return slug(`${request.method} ${new URL(request.url).pathname}`) || 'request';
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

interface ResponseCapture {
  body?: FixtureResponseBody;
  binary?: { bytes: Uint8Array; extension: string };
}

async function captureResponseBody(response: Response): Promise<ResponseCapture> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length === 0) return {};
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  const mediaType = normalizeMimeType(contentType);
  let text: string | undefined;
  if (isTextual(mediaType)) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) return { binary: { bytes, extension: extensionForMimeType(mediaType) } };
  if (mediaType === 'text/event-stream') return { body: { sse: parseSseText(text) } };
  if (mediaType.includes('json')) {
    try {
      return { body: { json: JSON.parse(text) } };
    } catch {
      // an invalid JSON answer is kept as text
    }
  }
  return { body: { text } };
}

/**
 * Wraps fetch so that every exchange is also written as a fixture (`source: "recorded"`). The caller gets the
 * real response untouched (the recorder reads a clone). Auth headers and key-like query values become
 * `<redacted>` (a `Bearer ` prefix is kept) and their literal values are scrubbed from everything written.
 * @example
 * const recording = createRecordingFetch({ dir: 'test/fixtures/openai', name: () => 'videos-create-ok' });
 * const client = createOpenAIClient({ fetch: recording });
 * await createVideo(client, { model: 'sora-2', prompt: 'a cat' });
 * await recording.flush();
 */
export function createRecordingFetch(options: RecordingOptions = {}): RecordingFetch {
  const recorder: Recorder = {
    options,
    baseFetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    redactHeaders: options.redactHeaders ?? [],
    recordHeaders: (options.recordHeaders ?? []).map((name) => name.toLowerCase()),
    slots: [],
    pending: new Set(),
    failures: [],
    sequence: new Map(),
    calls: 0,
    createdDir: undefined,
  };
  const recordingFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    fetchAndRecord(recorder, input, init);
  return Object.defineProperties(recordingFetch, {
    exchanges: { get: () => recorder.slots.filter((exchange) => exchange !== undefined), enumerable: true },
    flush: { value: () => flush(recorder), enumerable: true },
  }) as RecordingFetch;
}

/** What one recording fetch holds: its options and the exchanges recorded or being recorded. */
interface Recorder {
  readonly options: RecordingOptions;
  readonly baseFetch: typeof globalThis.fetch;
  readonly redactHeaders: readonly string[];
  /** Lower-case names of the request headers recorded as sent. */
  readonly recordHeaders: readonly string[];
  /** Indexed by call order, so `exchanges` lists calls in the order they were made, not finished. */
  readonly slots: (RecordedExchange | undefined)[];
  /** Recordings not finished yet. */
  readonly pending: Set<Promise<void>>;
  /** Errors of recordings, thrown by the next `flush`. */
  readonly failures: unknown[];
  /** The last position given to each fixture name. */
  readonly sequence: Map<string, number>;
  /** Calls made so far. */
  calls: number;
  /** The output folder, once its creation started. */
  createdDir: Promise<void> | undefined;
}

/** Passes a call to the real fetch and starts recording the exchange (read from copies); returns the real answer. */
async function fetchAndRecord(recorder: Recorder, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  let passInit = init;
  let copyInit: (RequestInit & { duplex?: 'half' }) | undefined = init;
  if (init?.body instanceof ReadableStream) {
    const [forFetch, forRecord] = init.body.tee();
    passInit = { ...init, body: forFetch };
    copyInit = { ...init, body: forRecord, duplex: 'half' };
  }
  // The copy is made before the real fetch reads the body.
  const requestCopy = new Request(input instanceof Request ? input.clone() : input, copyInit);
  const n = ++recorder.calls;
  const response = await recorder.baseFetch(input, passInit);
  // Sequence positions follow the order answers arrive in (call order for sequential polling).
  const { options, sequence, pending } = recorder;
  const name = options.name ? options.name(requestCopy, n) : defaultName(requestCopy);
  const position = (sequence.get(name) ?? 0) + 1;
  sequence.set(name, position);
  const slot = n - 1;
  const responseCopy = response.clone();
  const signal = requestCopy.signal;
  const onAbort = (): void => {
    void responseCopy.body?.cancel().catch(() => {});
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const task = record(recorder, requestCopy, responseCopy, { slot, name, n: position })
    .catch((error: unknown) => {
      if (!signal.aborted) recorder.failures.push(error);
    })
    .finally(() => {
      signal.removeEventListener('abort', onAbort);
      pending.delete(task);
    });
  pending.add(task);
  return response;
}

/** Waits for every recording started so far; throws the first failure since the last flush. */
async function flush(recorder: Recorder): Promise<void> {
  const { pending, failures } = recorder;
  while (pending.size > 0) await Promise.all([...pending]);
  if (failures.length > 0) {
    const [first] = failures.splice(0);
    throw new HelloDaveError(`Recording failed: ${first instanceof Error ? first.message : String(first)}`, {
      cause: first,
    });
  }
}

/** Where an exchange goes: its slot (call order), its fixture name and its position in that name's sequence. */
interface Placement {
  slot: number;
  name: string;
  n: number;
}

/** Builds the fixture of one exchange, secrets redacted, and writes it. */
async function record(
  recorder: Recorder,
  requestCopy: Request,
  responseCopy: Response,
  placement: Placement,
): Promise<void> {
  const secrets: string[] = [];
  const { request: captured } = await captureRequest(requestCopy);
  const url = new URL(captured.url);
  const headers = recordedHeaders(recorder, captured.headers, secrets);
  const query = recordedQuery(url, secrets);
  let requestBody: FixtureRequestBody | undefined;
  if (captured.body) {
    const contentType = captured.headers['content-type'] ?? '';
    requestBody =
      'text' in captured.body && contentType !== '' && !isTextual(contentType) ? { any: true } : captured.body;
  }

  const response = await captureResponseBody(responseCopy);
  const responseHeaders: Record<string, string> = {};
  responseCopy.headers.forEach((value, name) => {
    if (RESPONSE_HEADER.test(name)) {
      responseHeaders[name] = isSecretHeader(name, recorder.redactHeaders) ? REDACTED : value;
    }
  });

  const fixture: Fixture = {
    source: 'recorded',
    description: `Recorded ${new Date().toISOString()} from ${url.origin}`,
    request: { method: captured.method, path: captured.path },
    response: { status: responseCopy.status },
  };
  if (Object.keys(query).length > 0) fixture.request.query = query;
  if (Object.keys(headers).length > 0) fixture.request.headers = headers;
  if (requestBody) fixture.request.body = requestBody;
  if (Object.keys(responseHeaders).length > 0) fixture.response.headers = responseHeaders;
  if (response.body) fixture.response.body = response.body;

  await writeExchange(recorder, placement, fixture, response.binary, secrets);
}

/** The request headers to record: secret ones redacted (their values added to `secrets`), the chosen ones as sent. */
function recordedHeaders(recorder: Recorder, sent: Record<string, string>, secrets: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) {
    if (isSecretHeader(name, recorder.redactHeaders)) {
      headers[name] = redactCredential(value);
      secrets.push(secretPart(value));
    } else if (name === 'content-type') {
      headers[name] = value.toLowerCase().startsWith('multipart/form-data') ? 'multipart/form-data' : value;
    } else if (recorder.recordHeaders.includes(name)) {
      headers[name] = value;
    }
  }
  return headers;
}

/** The query to record: key-like values redacted (and added to `secrets`). */
function recordedQuery(url: URL, secrets: string[]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(queryOf(url))) {
    if (isSecretQueryName(key)) {
      const values = Array.isArray(value) ? value : [value];
      secrets.push(...values);
      query[key] = Array.isArray(value) ? value.map(() => REDACTED) : REDACTED;
    } else {
      query[key] = value;
    }
  }
  return query;
}

/**
 * Writes a fixture (to `<dir>/<name>.<n>.json`, a binary body beside it; or inline as base64 without a `dir`),
 * every secret scrubbed, then lists it and hands it to `onRecord`.
 */
async function writeExchange(
  recorder: Recorder,
  placement: Placement,
  fixture: Fixture,
  binary: ResponseCapture['binary'],
  secrets: string[],
): Promise<void> {
  const { slot, name, n } = placement;
  const { options } = recorder;
  const exchange: RecordedExchange = { name, n, fixture };
  if (options.dir !== undefined) {
    const fs = await import('node:fs/promises');
    const dir = options.dir.replace(/[/\\]+$/, '') || '.';
    recorder.createdDir ??= fs.mkdir(dir, { recursive: true }).then(() => undefined);
    await recorder.createdDir;
    const base = name.endsWith('.json') ? name.slice(0, -'.json'.length) : `${name}.${n}`;
    if (binary) {
      const file = `${base}.${binary.extension}`;
      await fs.writeFile(`${dir}/${file}`, binary.bytes);
      fixture.response.body = { file };
    }
    exchange.file = `${dir}/${base}.json`;
    await fs.writeFile(exchange.file, `${redactSecrets(JSON.stringify(fixture, null, 2), secrets)}\n`);
  } else if (binary) {
    fixture.response.body = { base64: toBase64(binary.bytes) };
  }
  const clean = JSON.parse(redactSecrets(JSON.stringify(fixture), secrets)) as Fixture;
  exchange.fixture = clean;
  recorder.slots[slot] = exchange;
  await options.onRecord?.(clean, exchange);
}
