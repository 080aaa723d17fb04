/**
 * `hello-dave/elevenlabs`: Eleven Music — compose from a prompt or a composition plan, streamed compose, the
 * detailed variant (plan, metadata, word timings), composition plans — exact to the API, with a media provider and
 * a toolset. Eleven Music is for paid plans only.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
export * from './client.js';
export * from './compose.js';
export * from './compose-params.js';
export * from './errors.js';
export { type MultipartPart, multipartBoundary, parseMultipartMixed } from './multipart-mixed.js';
export * from './plans.js';
export * from './provider.js';
export * from './tools.js';
