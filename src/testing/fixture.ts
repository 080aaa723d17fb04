/**
 * The fixture format: one HTTP exchange (what our code must send, what the server answers) as JSON, stored at
 * `test/fixtures/<provider>/<endpoint>-<scenario>.<n>.json`. See `docs/fixtures.md`.
 * @module
 */

import * as z from 'zod/mini';
import { HelloDaveError } from '../common/errors.js';
import { isRecord } from '../common/guards.js';
import { toValidationIssues } from '../common/validate.js';

/** Placeholder for a secret; inside an expected string it matches any non-empty run of characters. */
export const REDACTED = '<redacted>';

/** A file field of a multipart form: each listed property must match the uploaded file. */
export interface FixtureFormFile {
  /** File name sent with the part. */
  filename?: string;
  /** MIME type of the part. */
  type?: string;
  /** Size in bytes. */
  size?: number;
}

/** One form field: a string, a file, or several values sent under the same name. */
export type FixtureFormValue = string | FixtureFormFile | readonly (string | FixtureFormFile)[];

/**
 * The body our code must send. Without a body in the fixture the request must have none;
 * `{ any: true }` accepts every body.
 */
export type FixtureRequestBody =
  | { json: unknown }
  | { form: Record<string, FixtureFormValue> }
  | { text: string }
  | { any: true };

/** The request our code must send. */
export interface FixtureRequest {
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Path including the API's base path, e.g. `/v1/videos`. */
  path: string;
  /** Exact query parameters (a list for a repeated key). Absent means no query string. */
  query?: Record<string, string | string[]>;
  /**
   * Headers that must be present (lower-case names; others are not checked). A value containing `<redacted>`
   * matches any value whose other parts agree (`Bearer <redacted>` matches every non-empty bearer token);
   * a `content-type` without parameters ignores the actual one's parameters (the multipart boundary).
   */
  headers?: Record<string, string>;
  /** Expected body; see {@link FixtureRequestBody}. */
  body?: FixtureRequestBody;
}

/** One server-sent event of a streamed answer. */
export interface FixtureSseEvent {
  /** `event:` field. */
  event?: string;
  /** `data:` payload (several lines joined with `\n`). */
  data: string;
  /** `id:` field. */
  id?: string;
}

/** The body the server answers with. */
export type FixtureResponseBody =
  | { json: unknown }
  | { text: string }
  | { sse: FixtureSseEvent[] }
  /** A binary body in a sibling file; `bytes` is filled in by {@link loadFixture}. */
  | { file: string; bytes?: Uint8Array }
  | { base64: string };

/** The server's answer. */
export interface FixtureResponse {
  /** HTTP status. */
  status: number;
  /** Response headers (a default content-type is derived from the body kind). */
  headers?: Record<string, string>;
  /** Body; absent means an empty body. */
  body?: FixtureResponseBody;
  /** Wait this long before answering, ms. */
  delayMs?: number;
}

/** One HTTP exchange. */
export interface Fixture {
  /** Written from the provider's documentation, or recorded from the live API. */
  source: 'docs' | 'recorded';
  /** Required for docs fixtures: the notes section it comes from, e.g. `shared/api/openai-videos.md § Create video`. */
  notes?: string;
  /** Free text. */
  description?: string;
  /** What our code must send. */
  request: FixtureRequest;
  /** What the server answers. */
  response: FixtureResponse;
}

const stringRecord = z.record(z.string(), z.string());

const formFileSchema = z.strictObject({
  filename: z.optional(z.string()),
  type: z.optional(z.string()),
  size: z.optional(z.number()),
});
const formItemSchema = z.union([z.string(), formFileSchema], {
  error: 'must be a string or { filename?, type?, size? }',
});

/** A body union keyed by its single property, with issues that name the branch's field. */
function bodyUnion(branches: Record<string, z.ZodMiniType>): z.ZodMiniType<unknown> {
  const names = Object.keys(branches)
    .map((name) => `{ "${name}": … }`)
    .join(', ');
  return z.unknown().check(
    z.superRefine((value, context) => {
      const keys = isRecord(value) ? Object.keys(value) : [];
      const branch = keys.length === 1 && keys[0] !== undefined ? branches[keys[0]] : undefined;
      if (!branch || keys[0] === undefined) {
        context.addIssue({ code: 'custom', message: `must be one of ${names}`, input: value });
        return;
      }
      const result = z.safeParse(branch, (value as Record<string, unknown>)[keys[0]]);
      if (result.success) return;
      for (const issue of result.error.issues) {
        context.addIssue({ code: 'custom', message: issue.message, path: [keys[0], ...issue.path], input: value });
      }
    }),
  );
}

const requestBodySchema = bodyUnion({
  json: z.unknown(),
  form: z.record(z.string(), z.union([formItemSchema, z.array(formItemSchema)])),
  text: z.string(),
  any: z.literal(true),
});

const responseBodySchema = bodyUnion({
  json: z.unknown(),
  text: z.string(),
  sse: z.array(
    z.strictObject({
      event: z.optional(z.string()),
      data: z.string(),
      id: z.optional(z.string()),
    }),
  ),
  file: z.string().check(z.minLength(1)),
  base64: z.string(),
});

// `bytes` rides along on loaded file bodies; it is not part of the JSON format.
const loadedFileBody = z.strictObject({
  file: z.string().check(z.minLength(1)),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be a Uint8Array'),
});

/** zod/mini schema of a fixture file (strict: unknown fields are errors, which catches typos). */
export const fixtureSchema = z
  .strictObject({
    source: z.enum(['docs', 'recorded']),
    notes: z.optional(z.string()),
    description: z.optional(z.string()),
    request: z.strictObject({
      method: z.string().check(z.minLength(1)),
      path: z.string().check(z.startsWith('/')),
      query: z.optional(z.record(z.string(), z.union([z.string(), z.array(z.string())]))),
      headers: z.optional(stringRecord),
      body: z.optional(requestBodySchema),
    }),
    response: z.strictObject({
      status: z.int().check(z.gte(100), z.lte(599)),
      headers: z.optional(stringRecord),
      body: z.optional(z.union([loadedFileBody, responseBodySchema])),
      delayMs: z.optional(z.number().check(z.gte(0))),
    }),
  })
  .check(
    z.refine(
      (fixture) => fixture.source !== 'docs' || (typeof fixture.notes === 'string' && fixture.notes.length > 0),
      {
        message: 'docs fixtures must name the notes section they come from',
        path: ['notes'],
      },
    ),
    z.refine((fixture) => Object.keys(fixture.request.headers ?? {}).every((name) => name === name.toLowerCase()), {
      message: 'header names must be lower-case',
      path: ['request', 'headers'],
    }),
  );

/**
 * Validates a fixture value; throws a {@link HelloDaveError} naming `source` (the file) and each bad field.
 * Returns the same object, typed.
 * @example
 * const fixture = parseFixture(JSON.parse(text), 'test/fixtures/openai/videos-create-ok.1.json');
 */
export function parseFixture(value: unknown, source = 'fixture'): Fixture {
  const result = z.safeParse(fixtureSchema, value);
  if (!result.success) {
    const lines = toValidationIssues(result.error.issues).map(
      (issue) =>
        `  ${issue.path || '(root)'}: ${issue.message}${issue.allowed ? ` (allowed: ${issue.allowed.join(', ')})` : ''}`,
    );
    throw new HelloDaveError(`Invalid fixture ${source}:\n${lines.join('\n')}`);
  }
  return value as Fixture;
}

/** Where each loaded fixture came from, for readable messages. */
const fixtureFiles = new WeakMap<Fixture, string>();

/** Remembers the file a fixture was loaded from (internal). */
export function setFixtureFile(fixture: Fixture, file: string): void {
  fixtureFiles.set(fixture, file);
}

/** The file a fixture was loaded from, if any (internal). */
export function getFixtureFile(fixture: Fixture): string | undefined {
  return fixtureFiles.get(fixture);
}
