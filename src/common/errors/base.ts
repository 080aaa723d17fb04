/**
 * The base of the error family: {@link HelloDaveError}, its options, and the kind tag behind every class's
 * cross-realm `isInstance` check. Each class of the family sets its own `[KIND]`.
 * @module
 */

import { redactSecrets, redactValue } from '../secrets.js';

/** The static tag each error class sets to its own name; `isInstance` compares it along the prototype chain. */
export const KIND = Symbol.for('hello-dave.error.kind');

/** Options shared by every error constructor. */
export interface HelloDaveErrorOptions {
  /** The underlying error; redacted like the message. */
  cause?: unknown;
  /** Literal secrets to scrub from the message and the cause (API keys in use). */
  secrets?: readonly string[];
}

function safeCause(cause: unknown, secrets: readonly string[]): unknown {
  if (cause === undefined) return undefined;
  // Our own errors are redacted when made; anything else is copied with every string redacted, at any depth.
  if (HelloDaveError.isInstance(cause)) return cause;
  return redactValue(cause, { secrets });
}

/** Base class of every error thrown by hello-dave. */
export class HelloDaveError extends Error {
  /** Stable kind tag used by the cross-realm `isInstance` checks. */
  static readonly [KIND]: string = 'HelloDaveError';

  constructor(message: string, options: HelloDaveErrorOptions = {}) {
    const secrets = options.secrets ?? [];
    const cause = safeCause(options.cause, secrets);
    super(redactSecrets(message, secrets), cause === undefined ? undefined : { cause });
    this.name = new.target.name;
  }

  /** True when `value` is this class (or a subclass), even from another copy of the library. */
  static isInstance<T extends abstract new (...args: never[]) => unknown>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    const wanted = (this as unknown as Record<symbol, unknown>)[KIND];
    let proto: unknown = Object.getPrototypeOf(value);
    while (proto && typeof proto === 'object') {
      const ctor = (proto as { constructor?: Record<symbol, unknown> }).constructor;
      if (ctor && Object.hasOwn(ctor, KIND) && ctor[KIND] === wanted) return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }

  /** Safe, serialisable view (no secrets, no request headers). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') out[key] = value;
    }
    return out;
  }
}
