/**
 * Errors of what was given or received: input rejected before any request, an answer without the expected
 * shape, or a missing API key.
 * @module
 */

import { redactSecrets, redactValue } from '../secrets.js';
import { HelloDaveError, type HelloDaveErrorOptions, KIND } from './base.js';

/** Input rejected before any request: names the field path and, where known, the allowed values. */
export class RequestValidationError extends HelloDaveError {
  static override readonly [KIND]: string = 'RequestValidationError';
  /** Dotted path of the first bad field (`seconds`, `input_reference.image_url`). */
  readonly field: string;
  /** Allowed values of that field, where it is an enum. */
  readonly allowed?: readonly string[];
  /** Every problem found. */
  readonly issues: readonly { path: string; message: string; allowed?: readonly string[] }[];
  constructor(
    issues: readonly { path: string; message: string; allowed?: readonly string[] }[],
    context?: string,
    options: HelloDaveErrorOptions = {},
  ) {
    const lines = issues.map((issue) => {
      const allowed = issue.allowed?.length
        ? ` (allowed: ${issue.allowed.map((v) => JSON.stringify(v)).join(', ')})`
        : '';
      return `${issue.path || '(input)'}: ${issue.message}${allowed}`;
    });
    super(`Invalid ${context ?? 'request'}: ${lines.join('; ')}`, options);
    const first = issues[0];
    this.field = first?.path ?? '';
    if (first?.allowed) this.allowed = first.allowed;
    this.issues = issues.map((issue) => ({ ...issue, message: redactSecrets(issue.message, options.secrets ?? []) }));
  }
}

/** A provider's answer did not have the shape we rely on; `body` keeps what it sent. */
export class ResponseValidationError extends HelloDaveError {
  static override readonly [KIND]: string = 'ResponseValidationError';
  /** Provider name. */
  readonly provider: string;
  /** The raw body, redacted. */
  readonly body: unknown;
  constructor(provider: string, message: string, body: unknown, options: HelloDaveErrorOptions = {}) {
    super(`${provider}: unexpected response: ${message}`, options);
    this.provider = provider;
    this.body = redactValue(body, { secrets: options.secrets ?? [] });
  }
}

/** A required API key was not configured. Names the environment variables to set. */
export class MissingApiKeyError extends HelloDaveError {
  static override readonly [KIND]: string = 'MissingApiKeyError';
  /** Provider name. */
  readonly provider: string;
  /** Environment variables that are read, in order. */
  readonly envVars: readonly string[];
  constructor(provider: string, envVars: readonly string[]) {
    super(
      `${provider}: no API key. Pass { apiKey } or set ${envVars.length ? envVars.join(' or ') : 'the apiKey option'}.`,
    );
    this.provider = provider;
    this.envVars = envVars;
  }
}
