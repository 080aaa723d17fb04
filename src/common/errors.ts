/**
 * The error family. Every error this library throws is a {@link HelloDaveError}; each class has a
 * cross-realm `isInstance` check (it works across two copies of the library), so prefer
 * `RateLimitError.isInstance(e)` over `instanceof`.
 *
 * Secrets never reach an error: messages, causes, provider fields and raw bodies (at any depth) pass through the
 * secrets module (`common/secrets.ts`: registered key values and key shapes), and `toJSON()` lists only safe
 * fields.
 * @module
 */

export {
  MaxTurnsExceededError,
  type PartialRunResult,
  StructuredOutputError,
  ToolDefinitionError,
  ToolRefusedError,
} from './errors/agent.js';
export {
  ApiError,
  type ApiErrorDetails,
  ApiRetiredError,
  AuthenticationError,
  apiErrorDetails,
  BadRequestError,
  ConflictError,
  ContentFilterError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  rewrapApiError,
  ServerError,
} from './errors/api.js';
export { HelloDaveError, type HelloDaveErrorOptions } from './errors/base.js';
export { FileSystemError } from './errors/file-system.js';
export { JobFailedError, JobTimeoutError } from './errors/jobs.js';
export { AbortedError, ConnectionError, TimeoutError } from './errors/transport.js';
export { MissingApiKeyError, RequestValidationError, ResponseValidationError } from './errors/validation.js';
