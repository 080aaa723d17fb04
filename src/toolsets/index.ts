/**
 * `hello-dave/toolsets`: portable toolsets (handoffs between agents; the cross-provider media toolset).
 * @module
 */
export { type HandoffOptions, handoff } from './handoff.js';
export { createMediaToolset, type MediaJobResult, type MediaStatusResult, type MediaToolsetOptions } from './media.js';
