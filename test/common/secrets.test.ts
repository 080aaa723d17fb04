/**
 * The secrets module's own rules (issue 11 items 3 and 9): the registry is bounded, redaction keeps an own
 * `__proto__` member as an own member, and walks any depth without the call stack.
 */
import { describe, expect, it } from 'vitest';
import {
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
