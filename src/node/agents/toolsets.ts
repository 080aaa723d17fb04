/**
 * Toolsets by name: the built-in ones (one table line each) and the person's own `defineToolset` modules in
 * `./toolsets/`, `~/.hello-dave/toolsets` or at a path.
 * @module
 */
import { join } from 'node:path';
import { MissingApiKeyError } from '../../common/errors.js';
import type { MediaKind } from '../../common/jobs.js';
import type { ToolInput } from '../../core/tools/tool-set.js';
import { createMediaToolset, type MediaProviderEntry } from '../../toolsets/media.js';
import { defaultMediaProviders } from '../../toolsets/media-defaults.js';
import { filesToolset } from '../toolsets/files.js';
import { httpToolset } from '../toolsets/http.js';
import { shellToolset } from '../toolsets/shell.js';
import { daveHome } from './config.js';
import { type AgentBuildContext, checkToolsetDefinition, type ToolsOf } from './define-agent.js';
import { AgentDefinitionError } from './errors.js';
import { findModule, importDefinition, listModules, looksLikePath, resolvePath } from './module-loader.js';

/** A built-in toolset. */
export interface BuiltinToolset {
  /** What it gives the model. */
  description: string;
  /** Makes its tools for one agent. */
  make(context: AgentBuildContext): readonly ToolInput[];
}

/** Key variables of the media providers, per kind, in preference order (for the error when none is set). */
const MEDIA_KEYS: Readonly<Record<MediaKind, readonly string[]>> = {
  video: ['MINIMAX_API_KEY', 'XAI_API_KEY'],
  image: ['XAI_API_KEY', 'MINIMAX_API_KEY', 'STABILITY_API_KEY'],
  music: ['MUREKA_API_KEY', 'ELEVENLABS_API_KEY', 'STABILITY_API_KEY', 'MINIMAX_API_KEY'],
  audio: ['STABILITY_API_KEY'],
  stems: ['MUREKA_API_KEY', 'LALAL_API_KEY'],
};

/**
 * The media providers of these kinds whose keys are set, in preference order (`defaultMediaProviders`).
 * @throws MissingApiKeyError (provider `"<kinds> media"`) naming the variables to set when there is none.
 */
export function mediaProviders(
  kinds: readonly MediaKind[],
  env: Record<string, string | undefined> = process.env,
): MediaProviderEntry[] {
  const providers = defaultMediaProviders({ env, kinds });
  if (providers.length === 0) {
    const keys = [...new Set(kinds.flatMap((kind) => MEDIA_KEYS[kind]))];
    throw new MissingApiKeyError(`${kinds.join('/')} media`, keys);
  }
  return providers;
}

function media(kinds: readonly MediaKind[]) {
  return (context: AgentBuildContext): readonly ToolInput[] => {
    const providers = mediaProviders(kinds, context.env);
    return [
      createMediaToolset({
        providers,
        outputDir: context.config.outputDir,
        wait: true,
        budget: context.config.mediaBudget,
      }),
    ];
  };
}

/** The `files` toolset asks the person before any change to a file. */
const ASK_BEFORE_CHANGES = { write: true, append: true, move: true, delete: true } as const;

/** Commands the `shell` toolset allows; each asks the person first unless marked otherwise. */
const SHELL_COMMANDS = {
  ls: { needsApproval: false },
  cat: { needsApproval: false },
  grep: { needsApproval: false },
  git: true,
  node: true,
  npm: true,
  npx: true,
} as const;

/** The toolsets every agent can name. Adding one is one entry. */
export const BUILTIN_TOOLSETS: Readonly<Record<string, BuiltinToolset>> = {
  files: {
    description: 'Read, list, search and write files in the working folder (writes ask first).',
    make: (context) => [filesToolset({ root: context.cwd, needsApproval: ASK_BEFORE_CHANGES })],
  },
  shell: {
    description: 'Run allowlisted commands (ls, cat, grep, git, node, npm, npx) in the working folder.',
    make: (context) => [shellToolset({ enabled: true, root: context.cwd, commands: SHELL_COMMANDS })],
  },
  http: {
    description: 'GET and POST public http(s) URLs (size and time capped; private addresses refused).',
    make: (context) => [httpToolset(context.http)],
  },
  video: { description: 'Make videos (the media providers whose keys are set).', make: media(['video']) },
  image: { description: 'Make images (the media providers whose keys are set).', make: media(['image']) },
  music: { description: 'Make music (the media providers whose keys are set).', make: media(['music']) },
  media: {
    description: 'Make images, video, music and audio (the providers whose keys are set).',
    make: media(['image', 'video', 'music', 'audio']),
  },
};

/** Folders toolset modules are looked up in: `./toolsets`, then `~/.hello-dave/toolsets`. */
export function toolsetFolders(cwd: string): string[] {
  return [join(cwd, 'toolsets'), join(daveHome(), 'toolsets')];
}

async function toolsOf(tools: ToolsOf, context: AgentBuildContext): Promise<readonly ToolInput[]> {
  return typeof tools === 'function' ? await tools(context) : tools;
}

/** The tools of a toolset by name or path: the person's own modules first, then the built-in ones. */
export async function loadToolset(nameOrPath: string, context: AgentBuildContext): Promise<readonly ToolInput[]> {
  const file = looksLikePath(nameOrPath)
    ? resolvePath(context.cwd, nameOrPath)
    : toolsetFolders(context.cwd)
        .map((dir) => findModule(dir, nameOrPath))
        .find((found) => found !== undefined);
  if (file) return toolsOf(checkToolsetDefinition(await importDefinition(file), file).tools, context);
  const builtin = BUILTIN_TOOLSETS[nameOrPath];
  if (builtin) return builtin.make(context);
  const known = [...new Set([...Object.keys(BUILTIN_TOOLSETS), ...listToolsetNames(context.cwd)])].sort();
  throw new AgentDefinitionError(undefined, `No toolset named "${nameOrPath}". Known: ${known.join(', ')}.`);
}

/** Names of the person's own toolset modules. */
export function listToolsetNames(cwd: string): string[] {
  return toolsetFolders(cwd).flatMap((dir) => listModules(dir).map((item) => item.name));
}
