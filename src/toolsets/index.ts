/**
 * `hello-dave/toolsets`: portable toolsets (handoffs between agents; the cross-provider media toolset).
 * @module
 */
export type { MediaArtifact } from '../common/jobs.js';
export { type HandoffOptions, handoff } from './handoff.js';
export {
  createMediaToolset,
  type MediaBudgetRefusal,
  type MediaChoice,
  type MediaCommonInput,
  type MediaCreateResult,
  type MediaJobResult,
  type MediaProviderEntry,
  type MediaToolsetOptions,
} from './media.js';
export type { MediaBudget } from './media-budget.js';
export { type DefaultMediaProvidersOptions, defaultMediaProviders } from './media-defaults.js';
export { fallbackReason } from './media-fallback.js';
export type { MediaStatusResult } from './media-jobs.js';
