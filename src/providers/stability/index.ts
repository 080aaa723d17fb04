/**
 * `hello-dave/stability`: Stability AI's Stable Image (generate, edit, upscale) and Stable Audio clients,
 * exact to the REST v2beta API; media providers for the cross-provider media toolset; and the Stability toolset.
 * @see https://platform.stability.ai/docs/api-reference
 * @module
 */
export * from './audio.js';
export * from './client.js';
export * from './errors.js';
export * from './image.js';
export * from './provider.js';
export {
  readMediaResponse,
  STABILITY_ASPECT_RATIOS,
  STABILITY_IMAGE_FORMATS,
  STABILITY_STYLE_PRESETS,
  type StabilityAccept,
  type StabilityFinishReason,
  type StabilityMedia,
  type StabilityRequestOptions,
  saveStabilityMedia,
  stabilityFileSchema,
} from './shared.js';
export * from './tools.js';
export * from './upscale.js';
