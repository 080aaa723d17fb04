/**
 * The files toolset: read, write, append, list, search, move and delete — all confined to one root folder (no `..`, no absolute paths, no symlinks out, no devices, checked again after opening).
 * Reads and writes are capped; writes are atomic; binary files are described, not dumped.
 * @module
 */
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import { ToolDefinitionError, ToolRefusedError } from '../../common/errors.js';
import { decodeText, describeBinary } from '../../common/text.js';
import { defineTool, type Tool } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import { type CheckedPath, ConfinedRoot } from './confined-root.js';

/** The operations that change files (each can be made to ask for approval). */
export type FilesWriteOperation = 'write' | 'append' | 'move' | 'delete';

/** Options of {@link filesToolset}. */
export interface FilesToolsetOptions {
  /** The folder every path is confined to (it must exist). */
  root: string;
  /** Only `read`, `list` and `search` (default `false`). */
  readOnly?: boolean;
  /** Most bytes one read returns (default 256 KiB); a larger file is read in parts (`offset`). */
  maxReadBytes?: number;
  /** Most bytes one write or append may add (default 1 MiB). */
  maxWriteBytes?: number;
  /** Largest file an append may produce, and largest file search looks into (default 10 MiB). */
  maxFileBytes?: number;
  /** Most entries one list returns (default 500). */
  maxListEntries?: number;
  /** Most matches one search returns (default 100). */
  maxSearchResults?: number;
  /** Ask a person before these operations (default: none). */
  needsApproval?: Partial<Record<FilesWriteOperation, boolean>>;
  /** Prefix of the tool names (default `files_`). */
  namePrefix?: string;
}

const KIB = 1024;
const MAX_SEARCH_FILES = 5000;
const MAX_LINE = 240;

/** What `files_read` returns. */
export interface FilesReadResult {
  /** The path, relative to the root. */
  path: string;
  /** File size, bytes. */
  size: number;
  /** Where this part starts, bytes. */
  offset: number;
  /** The text of this part (absent for binary files). */
  text?: string;
  /** For binary files: what they look like (never the bytes). */
  binary?: string;
  /** Where the next part starts, when the file goes on. */
  next_offset?: number;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) && value > 0)) throw new ToolDefinitionError(name, 'limits must be positive integers');
  return value;
}

function tooLarge(what: string, bytes: number, limit: number): never {
  throw new ToolRefusedError('too-large', `${what} is ${bytes} bytes; the limit is ${limit} bytes.`);
}

/** Reads one part of a checked file through a verified descriptor. */
async function readPart(root: ConfinedRoot, checked: Required<CheckedPath>, offset: number, limit: number) {
  const handle = await root.openChecked(checked);
  try {
    const size = checked.stats.size;
    const length = Math.max(0, Math.min(limit, size - offset));
    const buffer = new Uint8Array(length);
    const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, offset) : { bytesRead: 0 };
    return { size, bytes: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/**
 * The files toolset over one root folder: `files_read`, `files_list`, `files_search`, and unless `readOnly`
 * `files_write`, `files_append`, `files_move`, `files_delete`. Every refusal reaches the model as a tool result
 * that says why.
 * @example
 * ```ts
 * import { filesToolset } from 'hello-dave/node';
 * const agent = new Agent({ name: 'writer', model, tools: [filesToolset({ root: './work' })] });
 * ```
 */
export function filesToolset(options: FilesToolsetOptions): ToolSet {
  return new ToolSet(createFilesTools(options, new ConfinedRoot(options.root)), { name: 'files' });
}

/** The tools of {@link filesToolset} over a given confined root (tests pass one with race hooks). @internal */
export function createFilesTools(options: FilesToolsetOptions, root: ConfinedRoot): Tool[] {
  const prefix = options.namePrefix ?? 'files_';
  const setup: FilesContext = {
    root,
    prefix,
    maxRead: positive(`${prefix}read`, options.maxReadBytes, 256 * KIB),
    maxWrite: positive(`${prefix}write`, options.maxWriteBytes, 1024 * KIB),
    maxFile: positive(`${prefix}append`, options.maxFileBytes, 10 * 1024 * KIB),
    maxList: positive(`${prefix}list`, options.maxListEntries, 500),
    maxResults: positive(`${prefix}search`, options.maxSearchResults, 100),
    approval: (operation) => options.needsApproval?.[operation] === true,
  };
  const reading = [readTool(setup), listTool(setup), searchTool(setup)];
  if (options.readOnly) return reading;
  return [...reading, writeTool(setup), appendTool(setup), moveTool(setup), deleteTool(setup)];
}

/** What every tool of one files toolset reads: the root, the name prefix, the limits and the approval rule. */
interface FilesContext {
  readonly root: ConfinedRoot;
  readonly prefix: string;
  readonly maxRead: number;
  readonly maxWrite: number;
  readonly maxFile: number;
  readonly maxList: number;
  readonly maxResults: number;
  /** Whether an operation asks a person first. */
  readonly approval: (operation: FilesWriteOperation) => boolean;
}

const encoder = new TextEncoder();

/** `files_read`: one part of a text file, or a description of a binary one. */
function readTool(setup: FilesContext): Tool {
  const { root, prefix, maxRead } = setup;
  return defineTool({
    name: `${prefix}read`,
    description: `Reads a file under the root folder as text (at most ${maxRead} bytes per call; use offset for the rest). Binary files are described, not shown.`,
    input: z.object({
      path: z.string().check(z.minLength(1)),
      offset: z.optional(z.int().check(z.nonnegative())),
    }),
    async run({ path: input, offset = 0 }): Promise<FilesReadResult> {
      const checked = await root.existing(input);
      if (checked.stats.isDirectory())
        throw new ToolRefusedError('is-folder', `"${input}" is a folder; use ${prefix}list.`);
      const { size, bytes } = await readPart(root, checked, offset, maxRead);
      const result: FilesReadResult = { path: checked.relative, size, offset };
      const text = decodeText(bytes);
      if (text === undefined) return { ...result, binary: describeBinary(bytes, size) };
      const end = offset + bytes.length;
      return end < size ? { ...result, text, next_offset: end } : { ...result, text };
    },
  });
}

/** `files_list`: the entries of a folder, symbolic links listed, not followed. */
function listTool(setup: FilesContext): Tool {
  const { root, prefix, maxList } = setup;
  return defineTool({
    name: `${prefix}list`,
    description: `Lists a folder under the root (names, types, sizes; at most ${maxList} entries). Symbolic links are listed, not followed.`,
    input: z.object({ path: z.optional(z.string()), recursive: z.optional(z.boolean()) }),
    async run({ path: input = '.', recursive = false }) {
      const checked = await root.existing(input);
      if (!checked.stats.isDirectory())
        throw new ToolRefusedError('not-a-folder', `"${input}" is a file; use ${prefix}read.`);
      const entries: { path: string; type: string; size?: number }[] = [];
      let truncated = false;
      for await (const entry of walk(root, checked, recursive)) {
        if (entries.length >= maxList) {
          truncated = true;
          break;
        }
        const rel = await root.relativeOf(entry.path);
        entries.push(entry.size === undefined ? { path: rel, type: entry.type } : { ...entry, path: rel });
      }
      return truncated ? { entries, truncated: `only the first ${maxList} entries are shown` } : { entries };
    },
  });
}

/** `files_search`: the lines of text files that contain a plain string. */
function searchTool(setup: FilesContext): Tool {
  const { root, prefix, maxFile, maxResults } = setup;
  return defineTool({
    name: `${prefix}search`,
    description: `Searches text files under a folder of the root for a plain string (not a regex); returns up to ${maxResults} matching lines.`,
    input: z.object({
      query: z.string().check(z.minLength(1)),
      path: z.optional(z.string()),
      ignore_case: z.optional(z.boolean()),
    }),
    async run({ query, path: input = '.', ignore_case = false }, context) {
      const checked = await root.existing(input);
      const needle = ignore_case ? query.toLowerCase() : query;
      const matches: string[] = [];
      let scanned = 0;
      const files = checked.stats.isDirectory() ? walk(root, checked, true) : single(checked.real);
      for await (const entry of files) {
        if (entry.type !== 'file' || (entry.size ?? 0) > maxFile) continue;
        if (++scanned > MAX_SEARCH_FILES || matches.length >= maxResults || context.signal.aborted) break;
        const rel = await root.relativeOf(entry.path);
        const file = await root.existing(rel).catch(() => undefined);
        if (!file) continue;
        const text = decodeText((await readPart(root, file, 0, maxFile)).bytes);
        if (text === undefined) continue;
        for (const [index, line] of text.split('\n').entries()) {
          if ((ignore_case ? line.toLowerCase() : line).includes(needle)) {
            matches.push(`${rel}:${index + 1}: ${line.slice(0, MAX_LINE)}`);
            if (matches.length >= maxResults) break;
          }
        }
      }
      return matches.length === 0 ? `No line contains ${JSON.stringify(query)}.` : matches.join('\n');
    },
  });
}

/** `files_write`: replaces (or creates) a text file, atomically. */
function writeTool(setup: FilesContext): Tool {
  const { root, prefix, maxWrite, approval } = setup;
  return defineTool({
    name: `${prefix}write`,
    description: `Writes a text file under the root (replaces it; creates missing folders). At most ${maxWrite} bytes.`,
    input: z.object({ path: z.string().check(z.minLength(1)), content: z.string() }),
    needsApproval: approval('write'),
    async run({ path: input, content }) {
      const bytes = encoder.encode(content);
      if (bytes.length > maxWrite) tooLarge('The content', bytes.length, maxWrite);
      const target = await root.target(input, { createFolders: true });
      await root.writeAtomic(target, bytes);
      return { path: target.relative, bytes: bytes.length };
    },
  });
}

/** `files_append`: adds text at the end of a file (created when missing), atomically. */
function appendTool(setup: FilesContext): Tool {
  const { root, prefix, maxWrite, maxFile, approval } = setup;
  return defineTool({
    name: `${prefix}append`,
    description: `Appends text to a file under the root (creates it when missing). At most ${maxWrite} bytes per call.`,
    input: z.object({ path: z.string().check(z.minLength(1)), content: z.string() }),
    needsApproval: approval('append'),
    async run({ path: input, content }) {
      const bytes = encoder.encode(content);
      if (bytes.length > maxWrite) tooLarge('The content', bytes.length, maxWrite);
      const target = await root.target(input, { createFolders: true });
      let before: Uint8Array = new Uint8Array(0);
      if (target.stats) {
        const size = target.stats.size;
        if (size + bytes.length > maxFile) tooLarge('The file after this append', size + bytes.length, maxFile);
        before = (await readPart(root, { ...target, stats: target.stats }, 0, size)).bytes;
      }
      const joined = new Uint8Array(before.length + bytes.length);
      joined.set(before);
      joined.set(bytes, before.length);
      await root.writeAtomic(target, joined);
      return { path: target.relative, bytes: joined.length };
    },
  });
}

/** `files_move`: moves or renames a file or folder, never over an existing path. */
function moveTool(setup: FilesContext): Tool {
  const { root, prefix, approval } = setup;
  return defineTool({
    name: `${prefix}move`,
    description: 'Moves or renames a file or folder under the root. Refuses to replace an existing path.',
    input: z.object({ from: z.string().check(z.minLength(1)), to: z.string().check(z.minLength(1)) }),
    needsApproval: approval('move'),
    async run({ from, to }) {
      const source = await root.target(from).catch((error: unknown) => {
        if (ToolRefusedError.isInstance(error) && error.reason === 'is-folder') return root.existing(from);
        throw error;
      });
      if (!source.stats) throw new ToolRefusedError('not-found', `"${from}" does not exist.`);
      if (source.real === (await root.realRoot()))
        throw new ToolRefusedError('is-root', 'The root folder cannot be moved.');
      const target = await root.target(to, { createFolders: true });
      if (target.stats) throw new ToolRefusedError('exists', `"${to}" exists; delete it first or choose another name.`);
      await root.move({ ...source, stats: source.stats }, target);
      return { from: source.relative, to: target.relative };
    },
  });
}

/** `files_delete`: deletes a file, or a folder (its contents only when recursive). */
function deleteTool(setup: FilesContext): Tool {
  const { root, prefix, approval } = setup;
  return defineTool({
    name: `${prefix}delete`,
    description: 'Deletes a file, or a folder (with its contents only when recursive is true), under the root.',
    input: z.object({ path: z.string().check(z.minLength(1)), recursive: z.optional(z.boolean()) }),
    needsApproval: approval('delete'),
    async run({ path: input, recursive = false }) {
      const lexicalTarget = await root.target(input).catch((error: unknown) => {
        if (ToolRefusedError.isInstance(error) && error.reason === 'is-folder') return root.existing(input);
        throw error;
      });
      if (!lexicalTarget.stats) throw new ToolRefusedError('not-found', `"${input}" does not exist.`);
      const checked = { ...lexicalTarget, stats: lexicalTarget.stats };
      await root.remove(checked, recursive);
      return { deleted: checked.relative };
    },
  });
}

interface WalkEntry {
  path: string;
  type: 'file' | 'folder' | 'symlink' | 'other';
  size?: number;
}

async function* single(file: string): AsyncGenerator<WalkEntry> {
  yield { path: file, type: 'file', size: (await stat(file)).size };
}

/**
 * Entries of a checked folder (depth first when `recursive`), never following symbolic links; every folder is read
 * through {@link ConfinedRoot.folderNames}, which refuses one swapped for a link while it was read.
 */
async function* walk(root: ConfinedRoot, folder: Required<CheckedPath>, recursive: boolean): AsyncGenerator<WalkEntry> {
  for (const name of await root.folderNames(folder)) {
    const full = path.join(folder.real, name);
    const stats = await lstat(full).catch(() => undefined);
    if (!stats) continue;
    if (stats.isSymbolicLink()) yield { path: full, type: 'symlink' };
    else if (stats.isDirectory()) {
      yield { path: full, type: 'folder' };
      if (recursive) yield* walk(root, { relative: `${folder.relative}/${name}`, real: full, stats }, true);
    } else if (stats.isFile()) yield { path: full, type: 'file', size: stats.size };
    else yield { path: full, type: 'other' };
  }
}
