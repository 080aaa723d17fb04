/**
 * The ElevenLabs music toolset: tools an agent uses to plan and compose music with Eleven Music. Songs are saved
 * into the toolset's output folder; paths, durations and MIME types go back to the model, never the bytes. A
 * `bad_prompt` rejection goes back to the model with ElevenLabs' suggested rewrite.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
import * as z from 'zod/mini';
import { removeFilesQuietly, reserveFilePath, safeFileName } from '../../common/files.js';
import { defineTool, type Tool, type ToolContext } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import type { ElevenLabsClient } from './client.js';
import type { ElevenLabsMusicOutputFormat } from './compose-params.js';
import { ELEVENLABS_PROVIDER_NAME, ElevenLabsMusicRejectedError } from './errors.js';
import { type CompositionPlan, compositionPlanSchema, createCompositionPlan } from './plans.js';
import { elevenLabsMusicProvider } from './provider.js';

/** Options of {@link createElevenLabsMusicToolset}. */
export interface ElevenLabsMusicToolsetOptions {
  /** Folder every song is saved into. Default `./elevenlabs`. */
  outputDir?: string;
  /** Prefix of every tool name. Default `elevenlabs_`. */
  namePrefix?: string;
  /** `model_id` sent (default: `music_v2`, or `music_v1` for a sections plan). */
  model?: string;
  /** Output format (default `mp3_44100_128`). */
  outputFormat?: ElevenLabsMusicOutputFormat;
}

/**
 * Makes the ElevenLabs music toolset: `elevenlabs_compose_music` (a song from a description), `elevenlabs_plan_music`
 * (a composition plan to review or edit) and `elevenlabs_compose_from_plan`.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @example
 * ```ts
 * const tools = createElevenLabsMusicToolset(createElevenLabsClient(), { outputDir: './out' });
 * const agent = new Agent({ name: 'composer', model, tools: [tools] });
 * ```
 */
export function createElevenLabsMusicToolset(
  client: ElevenLabsClient,
  options: ElevenLabsMusicToolsetOptions = {},
): ToolSet {
  const outputDir = options.outputDir ?? './elevenlabs';
  const prefix = options.namePrefix ?? 'elevenlabs_';
  const outputFormat = options.outputFormat ?? 'mp3_44100_128';
  const music = elevenLabsMusicProvider(client, { maxHeld: 2 });

  async function compose(input: Parameters<typeof music.start>[0], name: string | undefined, context: ToolContext) {
    let job: Awaited<ReturnType<typeof music.start>>;
    try {
      job = await music.start(
        { ...input, output_format: outputFormat, ...(options.model ? { model_id: options.model } : {}) },
        { signal: context.signal },
      );
    } catch (error) {
      if (!ElevenLabsMusicRejectedError.isInstance(error)) throw error;
      return {
        rejected: error.reason,
        message:
          'ElevenLabs refused this (copyrighted artist, song or lyrics). Ask the user before using the suggestion.',
        ...(error.promptSuggestion ? { suggested_prompt: error.promptSuggestion } : {}),
        ...(error.compositionPlanSuggestion ? { suggested_plan: error.compositionPlanSuggestion } : {}),
      };
    }
    // The codec is the format's first word (`mp3_44100_128` → mp3; pcm, opus, ulaw, alaw).
    const extension = outputFormat === 'auto' ? 'mp3' : (outputFormat.split('_')[0] ?? 'mp3');
    const to = await reserveFilePath(outputDir, safeFileName(name ?? `song-${job.id}`, 'elevenlabs'), extension);
    try {
      const artifact = await music.download(job, { to, signal: context.signal });
      await context.recordJob(job, { state: 'succeeded', artifact });
      return {
        path: artifact.path,
        mime_type: artifact.mimeType,
        bytes: artifact.bytes,
        ...(artifact.durationMs === undefined ? {} : { duration_ms: artifact.durationMs }),
      };
    } catch (error) {
      await removeFilesQuietly([to]);
      throw error;
    }
  }

  const tools: Tool[] = [
    defineTool({
      name: `${prefix}compose_music`,
      description:
        'Compose a song or instrumental with ElevenLabs from a description (genre, mood, instruments, vocals, ' +
        'lyrics theme; no artist names). Saves the audio and returns its path.',
      input: z.strictObject({
        prompt: z.string().check(z.minLength(1), z.maxLength(4100)),
        seconds: z.optional(z.int().check(z.gte(3), z.lte(600))),
        instrumental: z.optional(z.boolean()),
        filename: z.optional(z.string().check(z.maxLength(120))),
      }),
      run: ({ prompt, seconds, instrumental, filename }, context) =>
        compose(
          {
            prompt,
            ...(seconds ? { music_length_ms: seconds * 1000 } : {}),
            ...(instrumental ? { force_instrumental: true } : {}),
          },
          filename,
          context,
        ),
    }),
    defineTool({
      name: `${prefix}plan_music`,
      description:
        'Write a composition plan (sections with styles, lyrics lines and durations) from a description, to review ' +
        `or edit before ${prefix}compose_from_plan. Costs no credits.`,
      input: z.strictObject({
        prompt: z.string().check(z.minLength(1), z.maxLength(4100)),
        seconds: z.optional(z.int().check(z.gte(3), z.lte(600))),
      }),
      async run({ prompt, seconds }, context) {
        const plan = await createCompositionPlan(
          client,
          { prompt, model_id: options.model ?? 'music_v1', ...(seconds ? { music_length_ms: seconds * 1000 } : {}) },
          { signal: context.signal },
        );
        return { plan };
      },
    }),
    defineTool({
      name: `${prefix}compose_from_plan`,
      description: 'Compose a song from a composition plan (as written by the plan tool, possibly edited).',
      input: z.strictObject({ plan: compositionPlanSchema, filename: z.optional(z.string().check(z.maxLength(120))) }),
      run: ({ plan, filename }, context) => compose({ composition_plan: plan as CompositionPlan }, filename, context),
    }),
  ];
  return new ToolSet(tools, { name: ELEVENLABS_PROVIDER_NAME });
}
