/**
 * The secrets module's own rules (issue 11 items 3 and 9): the registry is bounded, redaction keeps an own
 * `__proto__` member as an own member, and walks any depth without the call stack.
 */
import { describe, expect, it } from 'vitest';
import {
  createStreamRedactor,
  forgetSecret,
  MAX_REGISTERED_SECRETS,
  redactSecrets,
  redactValue,
  registerSecret,
} from '../../src/common/secrets.js';

describe('the key registry', () => {
  it('redacts a registered value by value, also JSON-escaped and URL-encoded, until it is forgotten', () => {
    const key = 'odd"key/with+chars_123';
    registerSecret(key);
    expect(redactSecrets(`a ${key} b ${JSON.stringify(key)} c ${encodeURIComponent(key)}`)).toBe(
      'a <redacted> b "<redacted>" c <redacted>',
    );
    forgetSecret(key);
    expect(redactSecrets(`a ${key}`)).toBe(`a ${key}`);
  });

  it('is bounded: the oldest of more than MAX_REGISTERED_SECRETS distinct values falls out, re-registering refreshes', () => {
    const first = 'first_key_0000000000';
    registerSecret(first);
    for (let index = 0; index < MAX_REGISTERED_SECRETS - 1; index++) registerSecret(`bulk_key_${index}_padding`);
    registerSecret(first); // now the newest
    registerSecret('one_more_key_000000');
    expect(redactSecrets(first)).toBe('<redacted>');
    expect(redactSecrets('bulk_key_0_padding')).toBe('bulk_key_0_padding');
  });

  it('does not register values too short to be keys (they would mangle text)', () => {
    registerSecret('abc');
    expect(redactSecrets('abc abc')).toBe('abc abc');
  });
});

describe('createStreamRedactor', () => {
  /** Feeds `pieces` through one redactor; returns each output and the whole (outputs + flush) joined. */
  function stream(pieces: readonly string[]) {
    const redactor = createStreamRedactor();
    const outputs = pieces.map((piece) => redactor.push(piece));
    return { outputs, joined: outputs.join('') + redactor.flush() };
  }

  it('redacts a registered key split at every position between two pieces, and loses no other text', () => {
    const key = 'gsk_streamed_0123456789abcdef';
    registerSecret(key);
    const text = `Your key is ${key}, keep it safe.`;
    try {
      for (let cut = 1; cut < text.length; cut++) {
        const { outputs, joined } = stream([text.slice(0, cut), text.slice(cut)]);
        expect(joined).toBe('Your key is <redacted>, keep it safe.');
        for (const output of outputs) expect(output).not.toMatch(/gsk_|0123|cdef/);
      }
    } finally {
      forgetSecret(key);
    }
  });

  it('redacts a key of a known shape sent a few characters at a time, and a bearer credential split after its scheme', () => {
    const text = 'key sk-live-abcdefghijklmnop and header Bearer tok_0123456789abcdef done';
    const pieces = text.match(/.{1,3}/gs) ?? [];
    const { outputs, joined } = stream(pieces);
    expect(joined).toBe('key <redacted> and header Bearer <redacted> done');
    expect(outputs.join('')).not.toMatch(/abcdefgh|0123456789/);
    expect(stream(['Authorization: Bear', 'er ', 'tok_0123456789abcdef\n']).joined).toBe(
      'Authorization: Bearer <redacted>\n',
    );
  });

  it('gives text out as soon as a word ends, and holds only the last word', () => {
    const redactor = createStreamRedactor();
    expect(redactor.push('Hello wor')).toBe('Hello ');
    expect(redactor.push('ld, and ')).toBe('world, and ');
    expect(redactor.push('')).toBe('');
    expect(redactor.flush()).toBe('');
  });

  it('lets a very long word out in bounded pieces, still redacting a key at its end', () => {
    const key = 'gsk_long_word_0123456789abcdef';
    registerSecret(key);
    try {
      const long = 'x'.repeat(5000);
      const { outputs, joined } = stream([long, key.slice(0, 10), key.slice(10), ' end']);
      expect(outputs[0]?.length).toBeGreaterThan(0);
      expect(joined).toBe(`${long}<redacted> end`);
    } finally {
      forgetSecret(key);
    }
  });
});

describe('redactValue', () => {
  it('keeps an own __proto__ member as an own member (no prototype set, nothing dropped)', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "sk-abcdefghijklmnop"}, "a": 1}') as Record<string, unknown>;
    const out = redactValue(input) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":"<redacted>"},"a":1}');
  });

  it('walks 100 000 levels without a stack overflow, and keeps cycles as cycles', () => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let level = 0; level < 100_000; level++) at = at.next = {};
    at.key = 'sk-abcdefghijklmnop';
    at.back = root;
    const copy = redactValue(root) as Record<string, unknown>;
    let walk = copy;
    for (let level = 0; level < 100_000; level++) walk = walk.next as Record<string, unknown>;
    expect(walk.key).toBe('<redacted>');
    expect(walk.back).toBe(copy);
  });

  it('redacts errors, maps and sets inside a value, and keeps what the keep option names', () => {
    const error = Object.assign(new Error('bad sk-abcdefghijklmnop'), { code: 'E1' });
    const out = redactValue(
      {
        error,
        map: new Map([['sk-abcdefghijklmnop', 1]]),
        set: new Set(['sk-abcdefghijklmnop']),
        data: 'sk-keepme12345678',
      },
      { keep: (_owner, key) => key === 'data' },
    ) as { error: Error & { code: string }; map: Map<string, number>; set: Set<string>; data: string };
    expect(out.error.message).toBe('bad <redacted>');
    expect(out.error.code).toBe('E1');
    expect([...out.map.keys()]).toEqual(['<redacted>']);
    expect([...out.set]).toEqual(['<redacted>']);
    expect(out.data).toBe('sk-keepme12345678');
  });
});
