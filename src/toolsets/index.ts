/**
 * `hello-dave/toolsets`: portable toolsets (handoffs between agents; the cross-provider media toolset).
 * @module
 */
export { type HandoffOptions, handoff } from './handoff.js';
