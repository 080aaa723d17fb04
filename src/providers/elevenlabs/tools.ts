/**
 * The ElevenLabs music toolset: tools an agent uses to plan and compose music with Eleven Music. Songs are saved
 * into the toolset's output folder; paths, durations and MIME types go back to the model, never the bytes. A
 * `bad_prompt` rejection goes back to the model with ElevenLabs' suggested rewrite.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
import * as z from 'zod/mini';
import { safeFileName, savedFileResult, writeReservedFile } from '../../common/files.js';
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

const PROMPT = z.string().check(z.minLength(1), z.maxLength(4100));
const SECONDS = z.int().check(z.gte(3), z.lte(600));
const FILENAME = z.string().check(z.maxLength(120));

/** What every ElevenLabs music tool shares: the client, the music provider and the toolset's settings. */
interface ElevenLabsMusicShared {
  client: ElevenLabsClient;
  /** Composes and downloads songs. */
  music: ReturnType<typeof elevenLabsMusicProvider>;
  outputDir: string;
  prefix: string;
  outputFormat: ElevenLabsMusicOutputFormat;
  /** `model_id` sent, when set. */
  model: string | undefined;
}

type ComposeInput = Parameters<ElevenLabsMusicShared['music']['start']>[0];

/** Composes a song and saves it; a `bad_prompt` rejection comes back as a result with ElevenLabs' suggestions. */
async function compose(
  shared: ElevenLabsMusicShared,
  input: ComposeInput,
  name: string | undefined,
  context: ToolContext,
) {
  const { music, outputFormat, model } = shared;
  let job: Awaited<ReturnType<typeof music.start>>;
  try {
    job = await music.start(
      { ...input, output_format: outputFormat, ...(model ? { model_id: model } : {}) },
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
  const base = safeFileName(name ?? `song-${job.id}`, 'elevenlabs');
  return writeReservedFile(shared.outputDir, base, extension, async (to) => {
    const artifact = await music.download(job, { to, signal: context.signal });
    await context.recordJob(job, { state: 'succeeded', artifact });
    return savedFileResult(artifact);
  });
}

/** `compose_music`: a song or instrumental from a description. */
function composeTool(shared: ElevenLabsMusicShared): Tool {
  return defineTool({
    name: `${shared.prefix}compose_music`,
    description:
      'Compose a song or instrumental with ElevenLabs from a description (genre, mood, instruments, vocals, ' +
      'lyrics theme; no artist names). Saves the audio and returns its path.',
    input: z.strictObject({
      prompt: PROMPT,
      seconds: z.optional(SECONDS),
      instrumental: z.optional(z.boolean()),
      filename: z.optional(FILENAME),
    }),
    run: ({ prompt, seconds, instrumental, filename }, context) =>
      compose(
        shared,
        {
          prompt,
          ...(seconds ? { music_length_ms: seconds * 1000 } : {}),
          ...(instrumental ? { force_instrumental: true } : {}),
        },
        filename,
        context,
      ),
  });
}

/** `plan_music`: a composition plan to review or edit (no credits). */
function planTool({ client, prefix, model }: ElevenLabsMusicShared): Tool {
  return defineTool({
    name: `${prefix}plan_music`,
    description:
      'Write a composition plan (sections with styles, lyrics lines and durations) from a description, to review ' +
      `or edit before ${prefix}compose_from_plan. Costs no credits.`,
    input: z.strictObject({ prompt: PROMPT, seconds: z.optional(SECONDS) }),
    async run({ prompt, seconds }, context) {
      const plan = await createCompositionPlan(
        client,
        { prompt, model_id: model ?? 'music_v1', ...(seconds ? { music_length_ms: seconds * 1000 } : {}) },
        { signal: context.signal },
      );
      return { plan };
    },
  });
}

/** `compose_from_plan`: a song from a (possibly edited) composition plan. */
function composeFromPlanTool(shared: ElevenLabsMusicShared): Tool {
  return defineTool({
    name: `${shared.prefix}compose_from_plan`,
    description: 'Compose a song from a composition plan (as written by the plan tool, possibly edited).',
    input: z.strictObject({ plan: compositionPlanSchema, filename: z.optional(FILENAME) }),
    run: ({ plan, filename }, context) =>
      compose(shared, { composition_plan: plan as CompositionPlan }, filename, context),
  });
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
  const shared: ElevenLabsMusicShared = {
    client,
    music: elevenLabsMusicProvider(client, { maxHeld: 2 }),
    outputDir: options.outputDir ?? './elevenlabs',
    prefix: options.namePrefix ?? 'elevenlabs_',
    outputFormat: options.outputFormat ?? 'mp3_44100_128',
    model: options.model,
  };
  const tools: Tool[] = [composeTool(shared), planTool(shared), composeFromPlanTool(shared)];
  return new ToolSet(tools, { name: ELEVENLABS_PROVIDER_NAME });
}
