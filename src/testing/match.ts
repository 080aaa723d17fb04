/**
 * Capturing what our code sent and comparing it with a fixture's request, field by field.
 * @module
 */
import { isRecord } from '../common/guards.js';
import { type FixtureFormFile, type FixtureFormValue, type FixtureRequest, REDACTED } from './fixture.js';

/** A form value as captured: a string or the description of an uploaded file. */
export type CapturedFormValue = string | Required<FixtureFormFile>;

/** A request body as captured: parsed JSON, form fields (files described, not stored), or text. */
export type CapturedBody =
  | { json: unknown }
  | { form: Record<string, CapturedFormValue | CapturedFormValue[]> }
  | { text: string };

/** A request our code actually sent. */
export interface CapturedRequest {
  /** HTTP method, upper-case. */
  method: string;
  /** The full URL. */
  url: string;
  /** The URL's path. */
  path: string;
  /** Query parameters (a list for a repeated key). */
  query: Record<string, string | string[]>;
  /** Every header, lower-case names. */
  headers: Record<string, string>;
  /** Body: JSON when the content type says so, form fields for multipart / url-encoded, text otherwise. */
  body?: CapturedBody;
}

/** A captured request plus the raw body text, for comparisons. */
export interface CaptureResult {
  /** The public capture. */
  request: CapturedRequest;
  /** Raw body text ('' when none or a form). */
  rawText: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `actual` fits `expected`, where each `<redacted>` in `expected` stands for a non-empty run. */
export function matchesPattern(expected: string, actual: string): boolean {
  if (!expected.includes(REDACTED)) return expected === actual;
  const pattern = expected.split(REDACTED).map(escapeRegExp).join('.+');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

/** Query parameters of a URL, repeated keys as lists. */
export function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    if (previous === undefined) query[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else query[key] = [previous, value];
  }
  return query;
}

/** Adds a value under a form key, turning repeats into a list. */
function addFormValue(
  form: Record<string, CapturedFormValue | CapturedFormValue[]>,
  key: string,
  value: CapturedFormValue,
): void {
  const previous = form[key];
  if (previous === undefined) form[key] = value;
  else if (Array.isArray(previous)) previous.push(value);
  else form[key] = [previous, value];
}

/** True for content types that carry text. */
export function isTextual(contentType: string): boolean {
  const type = contentType.toLowerCase();
  return (
    type.startsWith('text/') ||
    /json|xml|javascript|x-www-form-urlencoded|event-stream|ndjson|graphql|yaml/.test(type) ||
    type === ''
  );
}

/** Reads a request's body into its captured form; `request` must be unread (pass a clone to keep it). */
export async function captureRequest(request: Request): Promise<CaptureResult> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const captured: CapturedRequest = {
    method: request.method.toUpperCase(),
    url: request.url,
    path: url.pathname,
    query: queryOf(url),
    headers,
  };
  const contentType = (headers['content-type'] ?? '').toLowerCase();
  let rawText = '';
  if (request.body !== null) {
    if (contentType.startsWith('multipart/form-data') || contentType.startsWith('application/x-www-form-urlencoded')) {
      const data = await request.formData();
      const form: Record<string, CapturedFormValue | CapturedFormValue[]> = {};
      data.forEach((value, key) => {
        addFormValue(
          form,
          key,
          typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size },
        );
      });
      captured.body = { form };
    } else {
      rawText = await request.text();
      if (rawText !== '') {
        let parsed: { ok: true; value: unknown } | { ok: false } = { ok: false };
        if (contentType.includes('json')) {
          try {
            parsed = { ok: true, value: JSON.parse(rawText) };
          } catch {
            // not JSON after all: kept as text
          }
        }
        captured.body = parsed.ok ? { json: parsed.value } : { text: rawText };
      }
    }
  }
  return { request: captured, rawText };
}

/** Short printable form of a value. */
export function show(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** Deep comparison; pushes one line per differing field into `out`. */
export function diffValues(expected: unknown, actual: unknown, path: string, out: string[]): void {
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (!matchesPattern(expected, actual)) out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      out.push(`${path}: expected ${expected.length} item(s), got ${actual.length}`);
    }
    const shared = Math.min(expected.length, actual.length);
    for (let index = 0; index < shared; index++) diffValues(expected[index], actual[index], `${path}[${index}]`, out);
    return;
  }
  if (isRecord(expected) && isRecord(actual)) {
    for (const key of Object.keys(expected)) {
      const child = `${path}.${key}`;
      if (!(key in actual)) out.push(`${child}: expected ${show(expected[key])}, got (missing)`);
      else diffValues(expected[key], actual[key], child, out);
    }
    for (const key of Object.keys(actual)) {
      if (!(key in expected)) out.push(`${path}.${key}: unexpected field, got ${show(actual[key])}`);
    }
    return;
  }
  if (!Object.is(expected, actual)) out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
}

function describeFormValue(value: CapturedFormValue | CapturedFormValue[] | undefined): string {
  return show(value);
}

function diffFormItem(
  expected: string | FixtureFormFile,
  actual: CapturedFormValue,
  path: string,
  out: string[],
): void {
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') out.push(`${path}: expected ${show(expected)}, got a file ${show(actual)}`);
    else if (!matchesPattern(expected, actual)) out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (typeof actual === 'string') {
    out.push(`${path}: expected a file ${show(expected)}, got the string ${show(actual)}`);
    return;
  }
  for (const key of ['filename', 'type', 'size'] as const) {
    const wanted = expected[key];
    if (wanted !== undefined && wanted !== actual[key]) {
      out.push(`${path}.${key}: expected ${show(wanted)}, got ${show(actual[key])}`);
    }
  }
}

function listOf(value: FixtureFormValue): readonly (string | FixtureFormFile)[] {
  return typeof value === 'string' || !Array.isArray(value) ? [value as string | FixtureFormFile] : value;
}

function diffForm(
  expected: Record<string, FixtureFormValue>,
  actual: Record<string, CapturedFormValue | CapturedFormValue[]>,
  out: string[],
): void {
  for (const [key, wanted] of Object.entries(expected)) {
    const got = actual[key];
    const path = `body.form.${key}`;
    if (got === undefined) {
      out.push(`${path}: expected ${show(wanted)}, got (missing)`);
      continue;
    }
    const wantedList = listOf(wanted);
    const gotList = Array.isArray(got) ? got : [got];
    if (wantedList.length !== gotList.length) {
      out.push(`${path}: expected ${wantedList.length} value(s), got ${gotList.length}: ${describeFormValue(got)}`);
      continue;
    }
    wantedList.forEach((item, index) => {
      const gotItem = gotList[index];
      if (gotItem !== undefined) diffFormItem(item, gotItem, wantedList.length > 1 ? `${path}[${index}]` : path, out);
    });
  }
  for (const key of Object.keys(actual)) {
    if (!(key in expected)) out.push(`body.form.${key}: unexpected field, got ${describeFormValue(actual[key])}`);
  }
}

function bodyKind(body: CapturedBody | undefined): string {
  if (!body) return 'no body';
  if ('json' in body) return `JSON ${show(body.json)}`;
  if ('form' in body) return `form ${show(body.form)}`;
  return `text ${show(body.text)}`;
}

function diffHeader(name: string, expected: string, actual: string | undefined, out: string[]): void {
  if (actual === undefined) {
    out.push(`header ${name}: expected ${show(expected)}, got (missing)`);
    return;
  }
  if (name === 'content-type' && !expected.includes(';')) {
    const mediaType = actual.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!matchesPattern(expected.toLowerCase(), mediaType)) {
      out.push(`header ${name}: expected ${show(expected)}, got ${show(actual)}`);
    }
    return;
  }
  if (!matchesPattern(expected, actual)) out.push(`header ${name}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Every difference between a fixture's request and what was sent, one readable line each. */
export function diffRequest(expected: FixtureRequest, capture: CaptureResult): string[] {
  const out: string[] = [];
  const actual = capture.request;
  if (expected.method.toUpperCase() !== actual.method)
    out.push(`method: expected ${expected.method}, got ${actual.method}`);
  if (safeDecode(expected.path) !== safeDecode(actual.path)) {
    out.push(`path: expected ${show(expected.path)}, got ${show(actual.path)}`);
  }

  const wantedQuery = expected.query ?? {};
  for (const [key, wanted] of Object.entries(wantedQuery)) {
    const got = actual.query[key];
    const wantedList = Array.isArray(wanted) ? wanted : [wanted];
    const gotList = got === undefined ? [] : Array.isArray(got) ? got : [got];
    if (got === undefined) out.push(`query ${key}: expected ${show(wanted)}, got (missing)`);
    else if (
      wantedList.length !== gotList.length ||
      wantedList.some((item, i) => !matchesPattern(item, gotList[i] ?? ''))
    ) {
      out.push(`query ${key}: expected ${show(wanted)}, got ${show(got)}`);
    }
  }
  for (const key of Object.keys(actual.query)) {
    if (!(key in wantedQuery)) out.push(`query ${key}: unexpected parameter, got ${show(actual.query[key])}`);
  }

  for (const [name, wanted] of Object.entries(expected.headers ?? {})) {
    diffHeader(name.toLowerCase(), wanted, actual.headers[name.toLowerCase()], out);
  }

  const wantedBody = expected.body;
  const gotBody = actual.body;
  if (wantedBody === undefined) {
    if (gotBody !== undefined) out.push(`body: expected no body, got ${bodyKind(gotBody)}`);
  } else if ('any' in wantedBody) {
    // every body is fine
  } else if ('json' in wantedBody) {
    let value: unknown;
    let parsed = false;
    if (gotBody && 'json' in gotBody) {
      value = gotBody.json;
      parsed = true;
    } else if (gotBody && 'text' in gotBody) {
      try {
        value = JSON.parse(gotBody.text);
        parsed = true;
      } catch {
        // reported below
      }
    }
    if (parsed) diffValues(wantedBody.json, value, 'body.json', out);
    else out.push(`body: expected JSON ${show(wantedBody.json)}, got ${bodyKind(gotBody)}`);
  } else if ('form' in wantedBody) {
    if (gotBody && 'form' in gotBody) diffForm(wantedBody.form, gotBody.form, out);
    else out.push(`body: expected form ${show(wantedBody.form)}, got ${bodyKind(gotBody)}`);
  } else if (gotBody && !('form' in gotBody)) {
    if (!matchesPattern(wantedBody.text, capture.rawText)) {
      out.push(`body.text: expected ${show(wantedBody.text)}, got ${show(capture.rawText)}`);
    }
  } else {
    out.push(`body: expected text ${show(wantedBody.text)}, got ${bodyKind(gotBody)}`);
  }
  return out;
}

/** decodeURIComponent that never throws. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
