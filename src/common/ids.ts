/**
 * Ids that go into a request's URL (a path segment or a query value) are one path segment, always: the one
 * check every endpoint that takes an id runs before any request.
 *
 * Refused, with a {@link RequestValidationError} naming the field: a non-string, an empty or blank id, `.` and
 * `..`, an id holding `/`, `\` or a control character, and an id whose percent-decoding (applied until it no
 * longer changes) is one of those (`%2e%2e`, `%2F`, `%252e%252e`): a proxy or server that decodes once more must
 * not see a dot segment or a separator either. Real provider ids (`video_68e1…`, MiniMax's digits) never hold
 * any of these. Everything else passes, and is percent-encoded where it goes into a path.
 * @module
 */
import { RequestValidationError } from './errors.js';

/** Separators and control characters (C0, DEL, C1). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
const FORBIDDEN = /[/\\\u0000-\u001f\u007f-\u009f]/;

/** What is wrong with `text` as one path segment, or undefined when nothing is. */
function segmentProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must be a non-empty id';
  if (text === '.' || text === '..') return `must be an id, not the path segment ${JSON.stringify(text)}`;
  if (FORBIDDEN.test(text)) return 'must be one path segment (no "/", "\\" or control characters)';
  return undefined;
}

/** Percent-decodes `text` once; malformed escapes leave it as it is (a server cannot decode them either). */
function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What is wrong with `id` as one path segment (see the module notes), or undefined when nothing is. For schemas
 * (`z.refine`) that check ids sent in a body or chosen by a model; endpoint functions call {@link checkId}.
 */
export function idProblem(id: string): string | undefined {
  let text = id;
  for (;;) {
    const problem = segmentProblem(text);
    if (problem) return text === id ? problem : `${problem} (it decodes to ${JSON.stringify(text)})`;
    const decoded = decodeOnce(text);
    if (decoded === text) return undefined;
    text = decoded;
  }
}

/**
 * Checks that `id` is one path segment (see the module notes) and returns it unchanged.
 * @param field - the field to name in the error (`video_id`, `task_id`).
 * @param context - what was called (`deleteVideo`).
 * @throws {RequestValidationError} the id is not one safe path segment.
 */
export function checkId(id: unknown, field: string, context: string): string {
  const problem = typeof id === 'string' ? idProblem(id) : 'must be a non-empty string';
  if (problem) throw new RequestValidationError([{ path: field, message: problem }], context);
  return id as string;
}

/** {@link checkId}, then percent-encoded for use as a path segment. */
export function pathSegment(id: unknown, field: string, context: string): string {
  return encodeURIComponent(checkId(id, field, context));
}
