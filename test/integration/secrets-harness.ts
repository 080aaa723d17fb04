/**
 * Shared by the secrets-*.test.ts files (issue 18 item 4): one distinctive fake key per provider, every form a key
 * can take when a server echoes it (plain, JSON-escaped, URL-encoded, base64 at each alignment, an echoed
 * `Authorization` header), a body that echoes all of them, and the assertion that none of those forms is in a text.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, expect } from 'vitest';
import type { LocalServer } from './local-server.js';

/**
 * Fake keys, one per provider, each shaped like the real thing (so a shape rule could also catch it) and marked
 * `HDTEST` so a leak is unmistakable. Some have no known shape at all (ElevenLabs `sk_…`, Mureka `op_…`, LALAL's
 * license, a gateway's `gsk_…` with `/`, `+` and `=` in it, whose URL-encoded form differs): only registration by
 * value catches those.
 */
export const KEYS = {
  openai: 'sk-proj-HDTEST-openai-7f3a9c2e1b4d6f80a1b2c3d4e5f60718',
  anthropic: 'sk-ant-api03-HDTEST-anthropic-7f3a9c2e1b4d6f80a1b2c3d4',
  xai: 'xai-HDTEST-xai-7f3a9c2e1b4d6f80a1b2c3d4e5f607189abc',
  compatible: 'gsk_HDTEST/compat+7f3a9c2e1b4d=6f80a1b2',
  minimax: 'eyJhbGciOiJSUzI1NiJ9.eyJIRFRFU1QiOiJtaW5pbWF4In0.HDTEST-minimax-7f3a9c2e1b4d6f80',
  stability: 'sk-HDTEST-stability-7f3a9c2e1b4d6f80a1b2c3d4e5f6',
  mureka: 'op_HDTEST_mureka_7f3a9c2e1b4d6f80a1b2c3d4',
  elevenlabs: 'sk_HDTEST_elevenlabs_7f3a9c2e1b4d6f80a1b2c3d4e5f60718',
  lalal: 'HDTESTlalal7f3a9c2e1b4d',
} as const;

export type ProviderName = keyof typeof KEYS;

/** Base64 of `text` (UTF-8), standard alphabet. */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The part of a base64 encoding that depends on `secret` alone, at each of the three byte alignments it can have
 * inside a longer encoded text (standard and URL alphabets): what a leak looks like in, say, a base64-encoded
 * `Authorization` header echoed back.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Leading characters mixed with the padding bytes; trailing ones with what follows.
    const start = Math.ceil((offset * 4) / 3);
    const end = Math.floor(((offset + bytes.length) * 4) / 3);
    const core = encoded.slice(start, end);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(cores)];
}

/** Every form of a key that must never be seen. */
export function formsOf(secret: string): string[] {
  return [
    ...new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
      encodeURIComponent(encodeURIComponent(secret)),
      ...base64Cores(secret),
    ]),
  ];
}

/** Asserts that no form of any of `secrets` is in any of `texts`; `where` names what was checked. */
export function expectClean(where: string, texts: readonly string[], ...secrets: string[]): void {
  for (const secret of secrets) {
    const forms = formsOf(secret);
    for (const text of texts) {
      for (const form of forms) {
        if (text.includes(form)) {
          const at = text.indexOf(form);
          expect.fail(`${where}: a form of the key (${form}) leaked: …${text.slice(Math.max(0, at - 80), at + 120)}…`);
        }
      }
    }
  }
}

/** Every view of an error a person, a log or a serialiser could see. */
export function errorViews(error: unknown): string[] {
  const e = error as Error & { body?: unknown; cause?: unknown };
  return [
    String(e),
    String(e.message),
    String(e.stack),
    JSON.stringify(e) ?? '',
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify(e.body ?? null) ?? '',
    inspect(e.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
}

/**
 * A body that echoes the key every way a careless server (or a gateway in front of one) might: in the message, as
 * the blamed parameter, as an object key, as the echoed request headers (plain, bearer, base64 in a Basic header
 * and bare), URL-encoded in a link, twenty levels deep; in the error shapes of every provider (OpenAI-style
 * `error`, FastAPI-style `detail`, Stability's `name`/`message`, MiniMax's `base_resp`).
 */
export function leakyBody(secret: string, kind: 'auth' | 'server' = 'auth'): Record<string, unknown> {
  const auth = kind === 'auth';
  const message = `${auth ? 'Incorrect API key provided' : 'Internal error while serving key'}: ${secret}. See https://example.invalid/keys?api_key=${encodeURIComponent(secret)}`;
  const code = auth ? 'invalid_api_key' : 'internal_error';
  let deep: unknown = { key: secret, [secret]: secret };
  for (let level = 0; level < 20; level++) deep = { level: deep };
  return {
    error: { message, type: auth ? 'invalid_request_error' : 'server_error', code, param: secret },
    detail: { status: code, message },
    name: auth ? 'unauthorized' : 'internal_error',
    message,
    // MiniMax: 1004 is an authentication failure, 1000 an unknown error on its side.
    base_resp: { status_code: auth ? 1004 : 1000, status_msg: message },
    echo: {
      headers: {
        authorization: `Bearer ${secret}`,
        'x-api-key': secret,
        'xi-api-key': secret,
        'x-license-key': secret,
        'proxy-authorization': `Basic ${base64(`${secret}:`)}`,
      },
      base64: base64(secret),
      base64Header: base64(`Bearer ${secret}`),
      base64url: base64(`authorization: ${secret}`).replace(/\+/g, '-').replace(/\//g, '_'),
      url: `https://example.invalid/v1?key=${encodeURIComponent(secret)}&next=${encodeURIComponent(encodeURIComponent(secret))}`,
      deep,
      list: [secret, `Bearer ${secret}`],
    },
  };
}

/** Response headers that echo the key (a request id made from it, a challenge naming it). */
export function leakyHeaders(secret: string): Record<string, string> {
  return {
    'x-request-id': `req_${secret}`,
    'request-id': secret,
    'trace-id': base64(secret),
    'www-authenticate': `Bearer realm="api", error="invalid_token", token="${secret}"`,
  };
}

/** The text of every file under `dir` (recursively). */
export async function filesText(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    try {
      out.push(`${entry}\n${await readFile(join(dir, entry), 'latin1')}`);
    } catch {
      // a folder
    }
  }
  return out;
}

/** What a test of these files works in: a fresh folder, and the server it started (if any). */
export interface TestPlace {
  dir: string;
  server: LocalServer | undefined;
}

/** A fresh temporary folder for each test; after it, its server is closed and the folder removed. */
export function perTestPlace(prefix: string): TestPlace {
  const place: TestPlace = { dir: '', server: undefined };
  beforeEach(async () => {
    place.dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await place.server?.close();
    place.server = undefined;
    await rm(place.dir, { recursive: true, force: true });
  });
  return place;
}
