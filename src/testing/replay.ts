/**
 * Replaying fixtures as msw handlers: the n-th call to a method + path gets the n-th fixture, every request is
 * compared with the fixture's request, and streamed bodies can be held back until the test releases them.
 * msw is an optional peer dependency; only this module needs it.
 * @module
 */
import type { RequestHandler } from 'msw';

type Msw = typeof import('msw');

import { HelloDaveError } from '../common/errors.js';
import { FIXTURE_MISMATCH_HEADER } from '../http/api-error.js';
import { type Fixture, type FixtureResponse, getFixtureFile, parseFixture } from './fixture.js';
import { loadFixtureSequence } from './load.js';
import { type CapturedRequest, captureRequest, diffRequest, safeDecode } from './match.js';
import { encodeSseEvent } from './sse.js';

/** Origin fixtures are served on when no `baseUrl` is given. */
export const FIXTURE_BASE_URL = 'http://fixtures.test';

/** Where fixtures come from: fixture objects, fixture files (`.json`), sequence prefixes or directories. */
export type FixtureSource = Fixture | string | URL;

/** Options of {@link replayFixtures}. */
export interface ReplayOptions {
  /**
   * Origin to serve on, e.g. `https://api.openai.com` (only the origin counts: fixture paths carry the base path).
   * Default {@link FIXTURE_BASE_URL}.
   */
  baseUrl?: string;
  /**
   * Hold streamed bodies back: the first SSE event (or the first half of a binary body) is sent at once, the
   * rest only after {@link FixtureReplay.release}, so a test proves events arrive before the server finishes.
   * A number sends that many SSE events first (e.g. past a stream's opening events to its first text delta).
   */
  holdStreams?: boolean | number;
}

/** A running replay: msw handlers plus what was sent and what did not match. */
export interface FixtureReplay {
  /** msw handlers, one per method + path; pass them to `server.use(...)`. */
  readonly handlers: RequestHandler[];
  /** Every request our code sent to a fixture's method + path, in arrival order. */
  readonly requests: CapturedRequest[];
  /** One readable report per mismatching or unexpected call (they were answered with status 599). */
  readonly mismatches: string[];
  /** The fixtures being replayed, in order. */
  readonly fixtures: readonly Fixture[];
  /** Lets held-back streams finish (see {@link ReplayOptions.holdStreams}). */
  release(): void;
  /** Throws listing every mismatch and every fixture that was never requested. */
  assertAllUsed(): void;
}

interface Group {
  method: string;
  path: string;
  fixtures: Fixture[];
  calls: number;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

async function collect(source: FixtureSource | readonly FixtureSource[]): Promise<Fixture[]> {
  const items: readonly FixtureSource[] = Array.isArray(source) ? source : [source as FixtureSource];
  const fixtures: Fixture[] = [];
  for (const [index, item] of items.entries()) {
    if (typeof item === 'string' || item instanceof URL) {
      fixtures.push(...(await loadFixtureSequence(item)));
    } else {
      fixtures.push(parseFixture(item, `fixtures[${index}]`));
    }
  }
  return fixtures;
}

function label(fixture: Fixture): string {
  const file = getFixtureFile(fixture);
  return `${fixture.request.method.toUpperCase()} ${fixture.request.path}${file ? ` (${file})` : ''}`;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A body that sends `first` at once and `rest` when `gate` resolves. */
function streamOf(
  first: Uint8Array[],
  rest: Uint8Array[],
  gate: Promise<void> | undefined,
): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of first) controller.enqueue(chunk);
      if (!gate) {
        for (const chunk of rest) controller.enqueue(chunk);
        controller.close();
        return;
      }
      void gate.then(() => {
        if (cancelled) return;
        for (const chunk of rest) controller.enqueue(chunk);
        controller.close();
      });
    },
    cancel() {
      cancelled = true;
    },
  });
}

function buildResponse(
  spec: FixtureResponse,
  hold: Promise<void> | undefined,
  source: string,
  eventsBeforeHold = 1,
): Response {
  const headers = new Headers();
  const body = spec.body;
  let payload: BodyInit | null = null;
  const encoder = new TextEncoder();
  if (body === undefined) {
    payload = null;
  } else if ('json' in body) {
    headers.set('content-type', 'application/json');
    payload = JSON.stringify(body.json);
  } else if ('text' in body) {
    headers.set('content-type', 'text/plain; charset=utf-8');
    payload = body.text;
  } else if ('sse' in body) {
    headers.set('content-type', 'text/event-stream');
    const chunks = body.sse.map((event) => encoder.encode(encodeSseEvent(event)));
    payload = hold
      ? streamOf(chunks.slice(0, eventsBeforeHold), chunks.slice(eventsBeforeHold), hold)
      : streamOf(chunks, [], undefined);
  } else {
    let bytes: Uint8Array;
    if ('base64' in body) bytes = decodeBase64(body.base64);
    else if (body.bytes) bytes = body.bytes;
    else {
      throw new HelloDaveError(
        `Fixture ${source}: response.body.file "${body.file}" was not loaded; load fixtures from disk (loadFixture) or use { "base64": … }`,
      );
    }
    headers.set('content-type', 'application/octet-stream');
    const cut = Math.ceil(bytes.length / 2);
    payload = hold
      ? streamOf([bytes.slice(0, cut)], [bytes.slice(cut)], hold)
      : streamOf([bytes.slice()], [], undefined);
  }
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, value);
  if (NULL_BODY_STATUSES.has(spec.status)) payload = null;
  return new Response(payload, { status: spec.status, headers });
}

function mismatchResponse(text: string): Response {
  return new Response(text, {
    status: 599,
    headers: { 'content-type': 'text/plain; charset=utf-8', [FIXTURE_MISMATCH_HEADER]: '1', 'x-should-retry': 'false' },
  });
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Turns fixtures into msw handlers that check each request and answer with the fixture's response.
 * Fixtures are grouped by method + path; the n-th call to a group gets its n-th fixture (polling sequences).
 * A request that differs from its fixture, or a call beyond the sequence, is answered with status 599 and a
 * field-by-field diff, and recorded in `mismatches`. Requests to other paths are left to msw
 * (`onUnhandledRequest: 'error'` fails them).
 * @example
 * const replay = await replayFixtures('test/fixtures/openai/videos-create-ok', { baseUrl: 'https://api.openai.com' });
 * server.use(...replay.handlers);
 * const video = await createVideo(client, { model: 'sora-2', prompt: 'a cat' });
 * replay.assertAllUsed();
 */
export async function replayFixtures(
  source: FixtureSource | readonly FixtureSource[],
  options: ReplayOptions = {},
): Promise<FixtureReplay> {
  const fixtures = await collect(source);
  const { http } = await loadMsw();
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const replay: Replay = {
    origin: new URL(options.baseUrl ?? FIXTURE_BASE_URL).origin,
    requests: [],
    mismatches: [],
    used: new Set(),
    hold: options.holdStreams ? released : undefined,
    eventsBeforeHold: typeof options.holdStreams === 'number' ? Math.max(0, Math.floor(options.holdStreams)) : 1,
  };
  const handlers: RequestHandler[] = [...groupFixtures(fixtures).values()].map((group) =>
    http.all(
      ({ request }) => {
        if (request.method.toUpperCase() !== group.method) return false;
        const url = new URL(request.url);
        return url.origin === replay.origin && safeDecode(url.pathname) === group.path;
      },
      ({ request }) => answerCall(replay, group, request),
    ),
  );
  return {
    handlers,
    requests: replay.requests,
    mismatches: replay.mismatches,
    fixtures,
    release: () => release(),
    assertAllUsed() {
      const problems = [...replay.mismatches];
      for (const fixture of fixtures) {
        if (!replay.used.has(fixture)) problems.push(`fixture never requested: ${label(fixture)}`);
      }
      if (problems.length > 0) {
        throw new HelloDaveError(`Fixture replay failed (${problems.length} problem(s)):\n- ${problems.join('\n- ')}`);
      }
    },
  };
}

/** What the handlers of one replay share: where they serve, what they saw, and the hold on streamed bodies. */
interface Replay {
  readonly origin: string;
  readonly requests: CapturedRequest[];
  readonly mismatches: string[];
  /** Fixtures answered at least once. */
  readonly used: Set<Fixture>;
  /** Resolves on `release()` when streams are held back. */
  readonly hold: Promise<void> | undefined;
  /** SSE events sent before the hold. */
  readonly eventsBeforeHold: number;
}

/** Fixtures grouped by method + decoded path, in order; a binary body must have been loaded. */
function groupFixtures(fixtures: readonly Fixture[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const fixture of fixtures) {
    const body = fixture.response.body;
    if (body && 'file' in body && !body.bytes) {
      throw new HelloDaveError(
        `Fixture ${label(fixture)}: response.body.file "${body.file}" was not loaded; load fixtures from disk or use { "base64": … }`,
      );
    }
    const method = fixture.request.method.toUpperCase();
    const path = safeDecode(fixture.request.path);
    const key = `${method} ${path}`;
    let group = groups.get(key);
    if (!group) {
      group = { method, path, fixtures: [], calls: 0 };
      groups.set(key, group);
    }
    group.fixtures.push(fixture);
  }
  return groups;
}

/** Answers the next call to a group: its fixture's response, or 599 with the mismatch (also recorded). */
async function answerCall(replay: Replay, group: Group, request: Request): Promise<Response> {
  const call = ++group.calls;
  const capture = await captureRequest(request);
  replay.requests.push(capture.request);
  const fixture = group.fixtures[call - 1];
  if (!fixture) {
    const text = `no fixture matched: ${group.method} ${group.path}: unexpected extra call #${call} (the sequence has ${group.fixtures.length} fixture(s))`;
    replay.mismatches.push(text);
    return mismatchResponse(text);
  }
  replay.used.add(fixture);
  const differences = diffRequest(fixture.request, capture);
  if (differences.length > 0) {
    const text = `no fixture matched: the request differs from fixture ${label(fixture)}, call #${call}:\n${differences
      .map((line) => `  ${line}`)
      .join('\n')}`;
    replay.mismatches.push(text);
    return mismatchResponse(text);
  }
  if (fixture.response.delayMs) await wait(fixture.response.delayMs);
  return buildResponse(fixture.response, replay.hold, label(fixture), replay.eventsBeforeHold);
}

/** An msw server as `useFixtures` needs it (`setupServer()` and `setupWorker()` fit). */
export interface FixtureServer {
  /** Prepends handlers. */
  use(...handlers: RequestHandler[]): void;
  /** The handlers in force (used to see whether the catch-all is still installed after a reset). */
  listHandlers?(): readonly unknown[];
}

interface CatchAll {
  handler: RequestHandler;
  mismatches: string[][];
}

const catchAlls = new WeakMap<FixtureServer, Map<string, CatchAll>>();

/**
 * msw, loaded by the replay functions only: the rest of `hello-dave/testing` (scripted models, fixture types,
 * record mode) works without msw installed.
 */
function loadMsw(): Promise<Msw> {
  return import('msw');
}

/**
 * One handler per server and fixture origin, behind every fixture handler: a request to that origin that no
 * fixture matches is answered with 599 and recorded as a mismatch, so it fails the test whatever msw's
 * `onUnhandledRequest` says, and never reaches the network.
 */
function ensureCatchAll(
  http: Msw['http'],
  server: FixtureServer,
  origin: string,
  mismatches: string[],
): RequestHandler | undefined {
  let byOrigin = catchAlls.get(server);
  if (!byOrigin) {
    byOrigin = new Map();
    catchAlls.set(server, byOrigin);
  }
  const existing = byOrigin.get(origin);
  const installed = existing && (!server.listHandlers || server.listHandlers().includes(existing.handler));
  if (existing && installed) {
    existing.mismatches.push(mismatches);
    return undefined;
  }
  const entry: CatchAll = {
    mismatches: [mismatches],
    handler: http.all(
      ({ request }) => new URL(request.url).origin === origin,
      ({ request }) => {
        const url = new URL(request.url);
        const text = `no fixture matched: no fixture for ${request.method.toUpperCase()} ${safeDecode(url.pathname)}${url.search}`;
        for (const list of entry.mismatches) list.push(text);
        return mismatchResponse(text);
      },
    ),
  };
  byOrigin.set(origin, entry);
  return entry.handler;
}

/**
 * Loads fixtures, installs their handlers on an msw server (`server.use`) and returns the replay. A request to the
 * fixtures' origin that no fixture matches is answered with 599 and recorded, so `assertAllUsed()` fails on it
 * even where msw only warns about unhandled requests.
 * @example
 * const replay = await useFixtures(server, 'test/fixtures/openai/videos-retrieve-poll', { baseUrl: 'https://api.openai.com' });
 * await waitForVideo(client, 'video_123');
 * replay.assertAllUsed();
 */
export async function useFixtures(
  server: FixtureServer,
  source: FixtureSource | readonly FixtureSource[],
  options: ReplayOptions = {},
): Promise<FixtureReplay> {
  const replay = await replayFixtures(source, options);
  const origin = new URL(options.baseUrl ?? FIXTURE_BASE_URL).origin;
  const catchAll = ensureCatchAll((await loadMsw()).http, server, origin, replay.mismatches);
  server.use(...replay.handlers, ...(catchAll ? [catchAll] : []));
  return replay;
}
