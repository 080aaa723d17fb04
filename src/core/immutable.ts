/**
 * Internal helpers of the agent core for sharing data without copying it: a fast deep copy of JSON-like trees
 * and a deep freeze. The run loop keeps its history as frozen messages and hands the model a frozen, shared
 * view instead of a fresh deep copy every turn; copies are made only at the public boundaries.
 * @module
 */

/** Deeper trees than this (or cyclic ones) are copied with `structuredClone`. */
const MAX_FAST_DEPTH = 64;

/** Thrown inside {@link copyTree} when the fast path does not apply; never escapes. */
class NotPlain extends Error {}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copyNode(value: unknown, depth: number, freeze: boolean): unknown {
  if (typeof value !== 'object' || value === null) {
    // Functions and symbols are what structuredClone refuses: let it throw its own error.
    if (typeof value === 'function' || typeof value === 'symbol') throw new NotPlain();
    return value;
  }
  if (depth > MAX_FAST_DEPTH) throw new NotPlain();
  if (Array.isArray(value)) {
    const length = value.length;
    const out: unknown[] = new Array(length);
    for (let index = 0; index < length; index++) {
      if (!(index in value)) throw new NotPlain();
      out[index] = copyNode(value[index], depth + 1, freeze);
    }
    return freeze ? Object.freeze(out) : out;
  }
  if (!isPlainObject(value)) throw new NotPlain();
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key === '__proto__') throw new NotPlain();
    out[key] = copyNode((value as Record<string, unknown>)[key], depth + 1, freeze);
  }
  // structuredClone would drop symbol keys too; accessors are read like data properties by both.
  return freeze ? Object.freeze(out) : out;
}

/**
 * A deep copy of JSON-like data (plain objects, arrays, primitives): the same result as `structuredClone` for
 * such trees, several times faster for the small objects the loop copies. Anything else (class instances,
 * dates, typed arrays, sparse arrays, very deep or cyclic trees) goes through `structuredClone` as a whole.
 */
export function copyTree<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return structuredClone(value);
  try {
    return copyNode(value, 0, false) as T;
  } catch (error) {
    if (error instanceof NotPlain || error instanceof RangeError) return structuredClone(value);
    throw error;
  }
}

/** {@link copyTree} and {@link deepFreeze} in one pass: a deep-frozen copy. */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return structuredClone(value);
  try {
    return copyNode(value, 0, true) as T;
  } catch (error) {
    if (error instanceof NotPlain || error instanceof RangeError) return deepFreeze(structuredClone(value));
    throw error;
  }
}

/**
 * Freezes a tree of plain objects and arrays in place (other objects inside it are left as they are) and
 * returns it. Used on data the loop owns (its own copies), so what it shares with models and hooks cannot be
 * changed through them.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) freezeNode(value);
  return value;
}

/** Roots frozen by {@link deepFreezeShared}: they and everything plain inside them can never change. */
const deeplyFrozen = new WeakSet<object>();

/**
 * {@link deepFreeze}, and remembers the root, so that {@link isDeeplyFrozen} knows it: for data handed out
 * again and again (tool specs), from which a consumer may cache what it derives.
 */
export function deepFreezeShared<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  freezeNode(value);
  deeplyFrozen.add(value);
  return value;
}

/**
 * True when `value` was frozen by {@link deepFreezeShared} (or is a primitive): then it can never change, and
 * anything derived from it alone may be cached by identity.
 */
export function isDeeplyFrozen(value: unknown): boolean {
  return typeof value !== 'object' || value === null || deeplyFrozen.has(value);
}

function freezeNode(value: object): void {
  if (Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (const item of value) if (typeof item === 'object' && item !== null) freezeNode(item);
    return;
  }
  if (!isPlainObject(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null) freezeNode(item);
  }
}

const LAZY_MAKERS = Symbol('hello-dave.lazy-makers');

type LazyTarget = { [LAZY_MAKERS]?: Record<PropertyKey, (() => unknown) | undefined> };

function settleLazy(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  const makers = (target as LazyTarget)[LAZY_MAKERS];
  if (makers) makers[key] = undefined;
}

/**
 * One accessor pair per property name, shared by every object that has that lazy property. Accessors made per
 * object would give each object a hidden class of its own, which keeps whatever the closures hold alive until a
 * full garbage collection.
 */
const lazyAccessors = new Map<PropertyKey, PropertyDescriptor>();

function lazyAccessor(key: PropertyKey): PropertyDescriptor {
  let accessor = lazyAccessors.get(key);
  if (!accessor) {
    accessor = {
      enumerable: true,
      configurable: true,
      get(this: LazyTarget) {
        const value = this[LAZY_MAKERS]?.[key]?.();
        settleLazy(this, key, value);
        return value;
      },
      set(this: object, value: unknown) {
        settleLazy(this, key, value);
      },
    };
    lazyAccessors.set(key, accessor);
  }
  return accessor;
}

/**
 * Defines `target[key]` as an ordinary-looking enumerable property whose value is made by `make` when it is
 * first read (then kept as a plain writable data property). For the copies a finished run hands out: a caller
 * who reads only `result.text` does not pay for a deep copy of every message and step. Assigning before
 * reading just sets the value.
 */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  let makers = (target as LazyTarget)[LAZY_MAKERS];
  if (!makers) {
    makers = {};
    Object.defineProperty(target, LAZY_MAKERS, { value: makers });
  }
  makers[key] = make;
  Object.defineProperty(target, key, lazyAccessor(key));
}
