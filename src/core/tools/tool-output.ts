/**
 * The text the model reads of a tool's result: strings as they are, `toToolOutput()` when the value has it, JSON
 * otherwise, refusing what JSON would lose.
 * @module
 */

/** A tool result that says itself what the model should read (`toToolOutput()` is used instead of JSON). */
export interface ToolOutputConvertible {
  /** The text the model reads. */
  toToolOutput(): string;
}

/**
 * Turns a tool's return value into the text the model reads: strings as they are, values with
 * `toToolOutput()` through it, `undefined` as `OK`, anything else as JSON.
 * @throws {TypeError} the value cannot be JSON without loss: a function, symbol or BigInt, a Map, Set, WeakMap,
 * WeakSet, Promise, Error or binary data, or a circular reference, anywhere inside it (the message names where,
 * e.g. `result.items is a Map`).
 */
export function toolOutputText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'OK';
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ToolOutputConvertible>).toToolOutput === 'function'
  ) {
    return String((value as ToolOutputConvertible).toToolOutput());
  }
  return strictJson(value);
}

/** What JSON would silently turn into `{}`, drop, or print as source: named, with what to use instead. */
function unserialisable(value: unknown): string | undefined {
  switch (typeof value) {
    case 'function':
      return 'a function (return its result instead)';
    case 'symbol':
      return 'a symbol (use a string)';
    case 'bigint':
      return 'a BigInt (use a string or a number)';
    case 'object': {
      if (value === null) return undefined;
      const tag = Object.prototype.toString.call(value);
      if (tag === '[object Map]') return 'a Map (use a plain object or an array of pairs)';
      if (tag === '[object Set]') return 'a Set (use an array)';
      if (tag === '[object WeakMap]' || tag === '[object WeakSet]')
        return `a ${tag.slice(8, -1)} (it cannot be listed)`;
      if (tag === '[object Promise]') return 'a Promise (await it)';
      if (tag === '[object Error]') return 'an Error (return its message)';
      if (tag === '[object ArrayBuffer]' || ArrayBuffer.isView(value)) {
        return 'binary data (save it to a file and return the path, or encode it as text)';
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `JSON.stringify`, but refusing what it would lose or mangle (a function, a Map printed as `{}`, a BigInt, a
 * cycle, …) at any depth, with a message naming where.
 */
function strictJson(value: unknown): string {
  // Where each object sits, for the message; holders are objects, so a WeakMap keeps nothing alive.
  const paths = new WeakMap<object, string>();
  let text: string | undefined;
  try {
    text = JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
      const holder = this as object;
      const base = paths.get(holder);
      const path = base === undefined ? 'result' : Array.isArray(holder) ? `${base}[${key}]` : `${base}.${key}`;
      const problem = unserialisable(item);
      if (problem !== undefined) throw new TypeError(`${path} is ${problem}`);
      if (typeof item === 'object' && item !== null) paths.set(item, path);
      return item;
    });
  } catch (error) {
    if (error instanceof TypeError && /circular/i.test(error.message)) {
      throw new TypeError('result has a circular reference (an object that contains itself)');
    }
    throw error;
  }
  return text ?? 'OK';
}
