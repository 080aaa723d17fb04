/**
 * Stable Image: generate (Ultra, Core, SD 3.5) and edit (erase, inpaint, outpaint, search-and-replace,
 * search-and-recolor, remove background). All synchronous: the answer is the image (bytes, or JSON with
 * base64), with its finish reason and seed. Every call is one paid request, never retried once sent.
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate
 * @module
 */
import * as z from 'zod/mini';
import type { StabilityClient } from './client.js';
import {
  between,
  STABILITY_ASPECT_RATIOS,
  STABILITY_IMAGE_FORMATS,
  STABILITY_STYLE_PRESETS,
  type StabilityMedia,
  type StabilityRequestOptions,
  sendValidated,
  stabilityFileSchema,
  stabilityNegativePromptSchema,
  stabilityPromptSchema,
  stabilitySeedSchema,
} from './shared.js';

const common = {
  negative_prompt: z.optional(stabilityNegativePromptSchema),
  seed: z.optional(stabilitySeedSchema),
  output_format: z.optional(z.enum(STABILITY_IMAGE_FORMATS)),
  style_preset: z.optional(z.enum(STABILITY_STYLE_PRESETS)),
};
const aspectRatio = z.optional(z.enum(STABILITY_ASPECT_RATIOS));

type Issue = { path: string; message: string };
/** A cross-field rule as a zod check: `rule` returns the problems it finds. */
function rule<T>(check: (value: T) => Issue[]) {
  return z.superRefine<T>((value, context) => {
    for (const issue of check(value)) {
      context.addIssue({ code: 'custom', path: [issue.path], message: issue.message, input: value });
    }
  });
}

/**
 * Request schema of `POST /v2beta/stable-image/generate/ultra` (an `image` makes it image-to-image and then
 * needs `strength`).
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate/paths/~1v2beta~1stable-image~1generate~1ultra/post
 */
export const stabilityUltraSchema = z
  .strictObject({
    prompt: stabilityPromptSchema,
    aspect_ratio: aspectRatio,
    image: z.optional(stabilityFileSchema),
    strength: z.optional(between(0, 1)),
    ...common,
  })
  .check(
    rule((value) => [
      ...(value.image !== undefined && value.strength === undefined
        ? [{ path: 'strength', message: 'required when image is sent (0 keeps the input, 1 ignores it)' }]
        : []),
      ...(value.image === undefined && value.strength !== undefined
        ? [{ path: 'strength', message: 'only with image (image-to-image)' }]
        : []),
    ]),
  );
/** Parameters of {@link generateUltra} (8 credits; ≈ 1 MP). */
export type StabilityUltraParams = z.infer<typeof stabilityUltraSchema>;

/**
 * Request schema of `POST /v2beta/stable-image/generate/core` (text-to-image only).
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate/paths/~1v2beta~1stable-image~1generate~1core/post
 */
export const stabilityCoreSchema = z.strictObject({
  prompt: stabilityPromptSchema,
  aspect_ratio: aspectRatio,
  ...common,
});
/** Parameters of {@link generateCore} (3 credits; 1.5 MP). */
export type StabilityCoreParams = z.infer<typeof stabilityCoreSchema>;

/** SD 3.5 model ids (any other string is passed through; the SD 3.0 ids are re-routed to 3.5 by Stability). */
export const STABILITY_SD3_MODELS = ['sd3.5-large', 'sd3.5-large-turbo', 'sd3.5-medium', 'sd3.5-flash'] as const;

/**
 * Request schema of `POST /v2beta/stable-image/generate/sd3`. `mode: 'image-to-image'` needs `image` and
 * `strength` (and ignores `aspect_ratio`). The range of `cfg_scale` is unverified (only ≥ 0 is checked).
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate/paths/~1v2beta~1stable-image~1generate~1sd3/post
 */
export const stabilitySd3Schema = z
  .strictObject({
    prompt: stabilityPromptSchema,
    model: z.optional(z.string().check(z.minLength(1))),
    mode: z.optional(z.enum(['text-to-image', 'image-to-image'])),
    image: z.optional(stabilityFileSchema),
    strength: z.optional(between(0, 1)),
    aspect_ratio: aspectRatio,
    cfg_scale: z.optional(z.number().check(z.gte(0))),
    ...common,
  })
  .check(
    rule((value) => {
      const toImage = value.mode === 'image-to-image';
      const issues: Issue[] = [];
      if (toImage && value.image === undefined)
        issues.push({ path: 'image', message: 'required in image-to-image mode' });
      if (toImage && value.strength === undefined) {
        issues.push({ path: 'strength', message: 'required in image-to-image mode' });
      }
      if (!toImage && value.image !== undefined) {
        issues.push({ path: 'mode', message: 'set mode to "image-to-image" to send an image' });
      }
      return issues;
    }),
  );
/** Parameters of {@link generateSd3} (2.5–6.5 credits by model; 1 MP). */
export type StabilitySd3Params = z.infer<typeof stabilitySd3Schema>;

/**
 * Request schema of `POST /v2beta/stable-image/edit/erase` (white in `mask` is erased; without a mask, the
 * image's alpha channel).
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export const stabilityEraseSchema = z.strictObject({
  image: stabilityFileSchema,
  mask: z.optional(stabilityFileSchema),
  grow_mask: z.optional(between(0, 20)),
  seed: common.seed,
  output_format: common.output_format,
});
/** Parameters of {@link eraseImage}. */
export type StabilityEraseParams = z.infer<typeof stabilityEraseSchema>;

/**
 * Request schema of `POST /v2beta/stable-image/edit/inpaint`.
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export const stabilityInpaintSchema = z.strictObject({
  image: stabilityFileSchema,
  prompt: stabilityPromptSchema,
  mask: z.optional(stabilityFileSchema),
  grow_mask: z.optional(between(0, 100)),
  ...common,
});
/** Parameters of {@link inpaintImage}. */
export type StabilityInpaintParams = z.infer<typeof stabilityInpaintSchema>;

const side = z.optional(z.int().check(z.gte(0), z.lte(2000)));
/**
 * Request schema of `POST /v2beta/stable-image/edit/outpaint`: at least one of `left`, `right`, `up`, `down`
 * (pixels, 0–2000) above 0.
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export const stabilityOutpaintSchema = z
  .strictObject({
    image: stabilityFileSchema,
    left: side,
    right: side,
    up: side,
    down: side,
    prompt: z.optional(z.string().check(z.maxLength(10_000))),
    creativity: z.optional(between(0, 1)),
    seed: common.seed,
    output_format: common.output_format,
    style_preset: common.style_preset,
  })
  .check(
    rule((value) =>
      [value.left, value.right, value.up, value.down].some((pixels) => (pixels ?? 0) > 0)
        ? []
        : [{ path: 'left', message: 'give at least one of left, right, up, down (pixels to add, 1–2000)' }],
    ),
  );
/** Parameters of {@link outpaintImage}. */
export type StabilityOutpaintParams = z.infer<typeof stabilityOutpaintSchema>;

/**
 * Request schema of `POST /v2beta/stable-image/edit/search-and-replace` (`search_prompt`: what to find).
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export const stabilitySearchAndReplaceSchema = z.strictObject({
  image: stabilityFileSchema,
  prompt: stabilityPromptSchema,
  search_prompt: stabilityPromptSchema,
  grow_mask: z.optional(between(0, 20)),
  ...common,
});
/** Parameters of {@link searchAndReplace}. */
export type StabilitySearchAndReplaceParams = z.infer<typeof stabilitySearchAndReplaceSchema>;

/**
 * Request schema of `POST /v2beta/stable-image/edit/search-and-recolor` (`select_prompt`: what to recolor).
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export const stabilitySearchAndRecolorSchema = z.strictObject({
  image: stabilityFileSchema,
  prompt: stabilityPromptSchema,
  select_prompt: stabilityPromptSchema,
  grow_mask: z.optional(between(0, 20)),
  ...common,
});
/** Parameters of {@link searchAndRecolor}. */
export type StabilitySearchAndRecolorParams = z.infer<typeof stabilitySearchAndRecolorSchema>;

/**
 * Request schema of `POST /v2beta/stable-image/edit/remove-background` (output `png` or `webp`).
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export const stabilityRemoveBackgroundSchema = z.strictObject({
  image: stabilityFileSchema,
  output_format: z.optional(z.enum(['png', 'webp'])),
});
/** Parameters of {@link removeBackground}. */
export type StabilityRemoveBackgroundParams = z.infer<typeof stabilityRemoveBackgroundSchema>;

const image = (path: string, label: string) => ({ path, label, media: 'image' as const, defaultFormat: 'png' });

/**
 * Stable Image Ultra: text-to-image, or image-to-image with `image` + `strength`.
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate/paths/~1v2beta~1stable-image~1generate~1ultra/post
 * @example
 * ```ts
 * const picture = await generateUltra(stability, { prompt: 'a lighthouse at dusk', aspect_ratio: '16:9' });
 * await saveStabilityMedia(picture, './lighthouse.png');
 * ```
 */
export function generateUltra(
  client: StabilityClient,
  params: StabilityUltraParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/generate/ultra', 'generateUltra params');
  return sendValidated(client, stabilityUltraSchema, params, request, options);
}

/**
 * Stable Image Core: fast, cheap text-to-image.
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate/paths/~1v2beta~1stable-image~1generate~1core/post
 * @example
 * ```ts
 * const picture = await generateCore(stability, { prompt: 'a red fox in snow', style_preset: 'photographic' });
 * ```
 */
export function generateCore(
  client: StabilityClient,
  params: StabilityCoreParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/generate/core', 'generateCore params');
  return sendValidated(client, stabilityCoreSchema, params, request, options);
}

/**
 * Stable Diffusion 3.5 (large, large-turbo, medium, flash): text-to-image or image-to-image.
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate/paths/~1v2beta~1stable-image~1generate~1sd3/post
 * @example
 * ```ts
 * const picture = await generateSd3(stability, { prompt: 'a lighthouse', model: 'sd3.5-large', output_format: 'png' });
 * ```
 */
export function generateSd3(
  client: StabilityClient,
  params: StabilitySd3Params,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/generate/sd3', 'generateSd3 params');
  return sendValidated(client, stabilitySd3Schema, params, request, options);
}

/**
 * Erases what the mask covers (or the alpha channel marks).
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export function eraseImage(
  client: StabilityClient,
  params: StabilityEraseParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/edit/erase', 'eraseImage params');
  return sendValidated(client, stabilityEraseSchema, params, request, options);
}

/**
 * Repaints the masked area from a prompt.
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export function inpaintImage(
  client: StabilityClient,
  params: StabilityInpaintParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/edit/inpaint', 'inpaintImage params');
  return sendValidated(client, stabilityInpaintSchema, params, request, options);
}

/**
 * Extends the image outward by the given pixels.
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export function outpaintImage(
  client: StabilityClient,
  params: StabilityOutpaintParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/edit/outpaint', 'outpaintImage params');
  return sendValidated(client, stabilityOutpaintSchema, params, request, options);
}

/**
 * Finds what `search_prompt` names and replaces it with `prompt`.
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export function searchAndReplace(
  client: StabilityClient,
  params: StabilitySearchAndReplaceParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/edit/search-and-replace', 'searchAndReplace params');
  return sendValidated(client, stabilitySearchAndReplaceSchema, params, request, options);
}

/**
 * Recolors what `select_prompt` names as `prompt` describes.
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export function searchAndRecolor(
  client: StabilityClient,
  params: StabilitySearchAndRecolorParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/edit/search-and-recolor', 'searchAndRecolor params');
  return sendValidated(client, stabilitySearchAndRecolorSchema, params, request, options);
}

/**
 * Removes the background (PNG or WebP with transparency).
 * @see https://platform.stability.ai/docs/api-reference#tag/Edit
 */
export function removeBackground(
  client: StabilityClient,
  params: StabilityRemoveBackgroundParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/edit/remove-background', 'removeBackground params');
  return sendValidated(client, stabilityRemoveBackgroundSchema, params, request, options);
}
