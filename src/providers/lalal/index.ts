/**
 * `hello-dave/lalal`: LALAL.AI stem separation (API v1, the current generation; the deprecated v0 API is not
 * implemented) — upload, split (one stem, several stems, voice cleaning, music removal), check until done, cancel,
 * delete, stem and back-track downloads — exact to the API, with a media provider and a toolset. Every split sends
 * an `idempotency_key`, so a retried split is never charged twice.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
export * from './client.js';
export * from './download.js';
export * from './errors.js';
export * from './provider.js';
export * from './split.js';
export * from './tasks.js';
export * from './tools.js';
export * from './upload.js';
