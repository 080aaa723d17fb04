/**
 * The one home of secret rules. Which header and query names carry a credential; the key values in use (every
 * provider client registers the keys and secret header values it holds when it is made); and redaction of text
 * and of values at any depth. Logging, errors, downloads, the tool-error text sent to a model, recording and the
 * session writer all consult it, so a key with no known shape (a gateway's `gsk_…`, a custom header's value) is
 * redacted by value wherever it turns up.
 *
 * Memory: strings cannot be held weakly (`WeakRef` and `WeakSet` take objects only), so the registry is a
 * bounded set: the {@link MAX_REGISTERED_SECRETS} most recently registered distinct values. Registering a value
 * again makes it the newest; {@link forgetSecret} removes one (a rotated key). A process that makes clients with
 * more distinct keys than that keeps only the newest in the registry; each client also hands its own key to the
 * errors it raises, so those stay clean either way. Values shorter than {@link MIN_SECRET_LENGTH} characters are
 * not registered: no real key is that short, and redacting them would mangle ordinary text.
 * @module
 */

/** What a secret is replaced with. */
export const REDACTED = '<redacted>';

/** How many distinct registered values are kept (the oldest is dropped first). */
export const MAX_REGISTERED_SECRETS = 256;

/** Shortest value the registry accepts. */
export const MIN_SECRET_LENGTH = 8;

/** Shortest per-call secret (`secrets` passed to a redaction) that is replaced. */
const MIN_EXTRA_LENGTH = 4;

const SECRET_HEADER_PARTS = [
  'key',
  'token',
  'secret',
  'license',
  'auth',
  'cookie',
  'signature',
  'credential',
  'password',
];
const SECRET_QUERY_WORD = /(key|token|secret|signature|sig|password|credential|auth|license)$/;
/** An auth scheme word before a credential (`Bearer <key>`). */
const SCHEME = /^(Bearer|Basic|Token|Key|Digest)\s+/i;

/** True for a header name that carries a credential (`authorization`, `x-api-key`, `xi-api-key`, …). */
export function isSecretHeader(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return extra.some((item) => item.toLowerCase() === lower) || SECRET_HEADER_PARTS.some((part) => lower.includes(part));
}

/**
 * True for a query parameter name that carries a credential (`api_key`, `apiKey`, `token`, `X-Amz-Signature`,
 * `sig`); each word of the name is checked, so `max_tokens` stays readable.
 */
export function isSecretQueryName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => SECRET_QUERY_WORD.test(word));
}

/** The redacted form of a credential: keeps an auth scheme (`Bearer <redacted>`). */
export function redactCredential(value: string): string {
  const scheme = SCHEME.exec(value);
  return scheme ? `${scheme[0]}${REDACTED}` : REDACTED;
}

// ---------------------------------------------------------------------------------------------------------------
// The registry of key values in use.

const registered = new Set<string>();
/** One pattern for every registered value and its JSON-escaped, URL-encoded and base64 forms; rebuilt on change. */
let registeredPattern: RegExp | null | undefined;

/** Registers a key value in use (an API key, a secret header's value): from now on it is redacted everywhere. */
export function registerSecret(value: string | undefined): void {
  if (typeof value !== 'string') return;
  const bare = value.trim().replace(SCHEME, '');
  for (const item of bare === value ? [value] : [value.trim(), bare]) {
    if (item.length < MIN_SECRET_LENGTH) continue;
    if (registered.has(item)) registered.delete(item);
    else registeredPattern = undefined;
    registered.add(item);
    if (registered.size > MAX_REGISTERED_SECRETS) {
      const oldest = registered.values().next().value as string;
      registered.delete(oldest);
    }
  }
}

/** Registers the values of every header whose name carries a credential (and the key behind a scheme word). */
export function registerHeaderSecrets(
  headers: Record<string, string> | undefined,
  extra: readonly string[] = [],
): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (isSecretHeader(name, extra)) registerSecret(value);
  }
}

/** Removes a registered value (a key that was rotated out). */
export function forgetSecret(value: string): void {
  if (registered.delete(value)) registeredPattern = undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each form a secret takes in text: as is, JSON-escaped, URL-encoded (once or twice), base64-encoded. */
function formsOf(secret: string): string[] {
  const forms = [secret];
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) forms.push(escaped);
  const encoded = encodeURIComponent(secret);
  // Twice encoded: a link carried in another link's query.
  if (encoded !== secret) forms.push(encoded, encodeURIComponent(encoded));
  if (secret.length >= MIN_SECRET_LENGTH) forms.push(...base64FormsOf(secret));
  return forms;
}

/**
 * The stretches of base64 text that encode `secret` alone, at each of the three byte alignments it can have
 * inside a longer encoded text, in the standard and the URL-safe alphabet: how a key looks in an echoed
 * `Authorization: Basic …` header or in any base64 field a server sends back. The few characters that mix the
 * key's bits with its neighbours' are left out, so the key is found wherever it sits.
 */
function base64FormsOf(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    let binary = String.fromCharCode(0).repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const core = btoa(binary).slice(Math.ceil((offset * 4) / 3), Math.floor(((offset + bytes.length) * 4) / 3));
    forms.push(core);
    const urlSafe = core.replace(/\+/g, '-').replace(/\//g, '_');
    if (urlSafe !== core) forms.push(urlSafe);
  }
  return forms;
}

function registryPattern(): RegExp | null {
  if (registeredPattern !== undefined) return registeredPattern;
  const forms = [...registered].flatMap(formsOf).sort((a, b) => b.length - a.length);
  registeredPattern = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null;
  return registeredPattern;
}

// ---------------------------------------------------------------------------------------------------------------
// Redaction.

/**
 * Replaces every secret in `text` with `<redacted>`: registered key values and the `secrets` given (in their
 * plain, JSON-escaped, URL-encoded and base64 forms), and whatever looks like a key (`sk-…`, `xai-…`, a bearer
 * or basic credential, a JWT).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_EXTRA_LENGTH) {
      for (const form of formsOf(secret)) out = out.split(form).join(REDACTED);
    }
  }
  const pattern = registryPattern();
  if (pattern) out = out.replace(pattern, REDACTED);
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`)
    .replace(/\b(sk|xai|pk|rk)-[A-Za-z0-9_-]{8,}/g, REDACTED)
    .replace(/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, REDACTED);
}

/** Longest tail a {@link StreamRedactor} holds back: past it, all but the last {@link KEPT_TAIL} characters go out. */
const MAX_HELD = 2048;
/** What a long word keeps held: longer than any key's longest form (a key twice URL-encoded). */
const KEPT_TAIL = 1024;

/**
 * Redacts text that arrives in pieces (a model's streamed answer), where a key may be split across two pieces and
 * {@link redactSecrets} on each piece alone would miss it. A key holds no whitespace, so each piece goes out up to
 * the start of its last word (and a `Bearer` / `Basic` word before it), redacted; the rest waits for the next piece
 * or {@link StreamRedactor.flush}. The pieces given out, joined, are the whole text redacted.
 */
export interface StreamRedactor {
  /** Takes the next piece; returns what may be shown now, redacted (often all of it, sometimes ''). */
  push(piece: string): string;
  /** Returns what was held back, redacted: call it when the text ends or something else is shown. */
  flush(): string;
}

/** Where the held tail of `text` starts: its last word, with an auth scheme word before it. */
function heldTailStart(text: string): number {
  let start = text.length;
  while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--;
  const from = Math.max(0, start - 16);
  const scheme = /\b(?:Bearer|Basic)\s+$/i.exec(text.slice(from, start));
  return scheme ? from + scheme.index : start;
}

/** Makes a {@link StreamRedactor} (one per stream of text; `secrets` as in {@link redactSecrets}). */
export function createStreamRedactor(secrets: readonly string[] = []): StreamRedactor {
  let held = '';
  return {
    push(piece) {
      const text = held + piece;
      const start = heldTailStart(text);
      if (text.length - start > MAX_HELD) {
        // One very long word (no key is): go on from its redacted form, keeping a tail a key could still end in.
        const redacted = redactSecrets(text, secrets);
        held = redacted.slice(-KEPT_TAIL);
        return redacted.slice(0, -KEPT_TAIL);
      }
      held = text.slice(start);
      return start === 0 ? '' : redactSecrets(text.slice(0, start), secrets);
    },
    flush() {
      const text = held;
      held = '';
      return text === '' ? '' : redactSecrets(text, secrets);
    },
  };
}

/** Options of {@link redactValue}. */
export interface RedactOptions {
  /** Literal secrets to replace besides the registered ones. */
  secrets?: readonly string[];
  /** Members to keep exactly as they are (signed or encrypted provider data); called with the owner and key. */
  keep?: (owner: Record<string, unknown>, key: string) => boolean;
}

/** Sets `key` as an own data member, `__proto__` included (plain assignment would set the prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

/** Objects whose members are copied: arrays, plain and class objects, errors, maps and sets (not dates, bytes, …). */
function isContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value) || value instanceof Map || value instanceof Set || value instanceof Error) return true;
  return Object.prototype.toString.call(value) === '[object Object]';
}

/**
 * A copy of `value` with every string redacted by {@link redactSecrets}, at any depth: values and object keys,
 * in arrays, plain objects, errors (name, message, stack, cause, own fields), maps and sets. Cycles and shared
 * members are copied once (the copy has the same shape). Walks with a stack of its own, so depth costs no call
 * stack. An own `__proto__` member stays an own member. Other objects (dates, bytes) are kept as they are.
 */
export function redactValue(value: unknown, options: RedactOptions = {}): unknown {
  const secrets = options.secrets ?? [];
  const text = (item: string): string => redactSecrets(item, secrets);
  if (typeof value === 'string') return text(value);
  if (!isContainer(value)) return value;
  const copies = new Map<object, unknown>();
  const work: (() => void)[] = [];
  const visit = (item: unknown): unknown => {
    if (typeof item === 'string') return text(item);
    if (!isContainer(item)) return item;
    const seen = copies.get(item);
    if (seen !== undefined) return seen;
    const copy = shell(item, text);
    copies.set(item, copy);
    work.push(() => fill(item, copy, visit, text, options.keep));
    return copy;
  };
  const root = visit(value);
  for (let task = work.pop(); task; task = work.pop()) task();
  return root;
}

/** An empty copy of a container (an error gets its redacted name, message and stack at once). */
function shell(source: object, text: (item: string) => string): unknown {
  if (Array.isArray(source)) return new Array(source.length);
  if (source instanceof Map) return new Map();
  if (source instanceof Set) return new Set();
  if (source instanceof Error) {
    const copy = new Error(text(source.message));
    copy.name = text(source.name);
    if (source.stack) copy.stack = text(source.stack);
    else delete copy.stack;
    return copy;
  }
  return {};
}

/** Copies `source`'s members into `target`, each through `visit`. */
function fill(
  source: object,
  target: unknown,
  visit: (item: unknown) => unknown,
  text: (item: string) => string,
  keep: RedactOptions['keep'],
): void {
  if (Array.isArray(source)) {
    const out = target as unknown[];
    for (let index = 0; index < source.length; index++) out[index] = visit(source[index]);
    return;
  }
  if (source instanceof Map) {
    for (const [key, item] of source) (target as Map<unknown, unknown>).set(visit(key), visit(item));
    return;
  }
  if (source instanceof Set) {
    for (const item of source) (target as Set<unknown>).add(visit(item));
    return;
  }
  const record = source as Record<string, unknown>;
  const out = target as Record<string, unknown>;
  if (source instanceof Error && 'cause' in source) setOwn(out, 'cause', visit(source.cause));
  for (const key of Object.keys(record)) {
    if (source instanceof Error && (key === 'message' || key === 'stack' || key === 'name')) continue;
    const item = record[key];
    setOwn(out, text(key), keep?.(record, key) ? item : visit(item));
  }
}

/** A URL with the values of credential-like query parameters replaced by `<redacted>`, and registered keys too. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  let out = url;
  try {
    const parsed = new URL(url);
    let changed = false;
    for (const name of [...parsed.searchParams.keys()]) {
      if (isSecretQueryName(name)) {
        parsed.searchParams.set(name, REDACTED);
        changed = true;
      }
    }
    if (changed) out = parsed.toString().replace(/%3Credacted%3E/gi, REDACTED);
  } catch {
    // not a URL: redact it as text
  }
  return redactSecrets(out, secrets);
}

/** Headers with every credential-carrying header's value redacted (keeping an auth scheme) and keys scrubbed. */
export function redactHeaders(
  headers: Headers | Record<string, string>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    setOwn(out, name, isSecretHeader(name) ? redactCredential(value) : redactSecrets(value, secrets));
  }
  return out;
}
