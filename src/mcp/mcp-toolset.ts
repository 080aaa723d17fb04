/**
 * `mcpToolset`: any MCP server (stdio or streamable HTTP) as a hello-dave toolset. The server's tools are listed
 * once and become tools whose JSON Schema input is passed through as the server gave it (the server validates);
 * results become tool output (text, structured content, images and audio described — with the bytes kept in the
 * value, or saved to a folder); a server-side error (`isError`) is an error result the model reads.
 * @module
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as z from 'zod/mini';
import { ToolDefinitionError } from '../common/errors.js';
import { extensionForMimeType } from '../common/media-types.js';
import type { JsonSchema } from '../core/model.js';
import { defineTool, TOOL_NAME_PATTERN, type Tool } from '../core/tools/define-tool.js';
import { type ToolOutputConvertible, ToolSet } from '../core/tools/tool-set.js';
import { McpConnection, type McpReconnectOptions, type McpServerTarget } from './connection.js';

/** A tool as the server lists it (what `needsApproval` and `include` decide on). */
export interface McpToolInfo {
  /** The server's name of the tool. */
  name: string;
  /** Its description. */
  description?: string;
  /** The server's hints (`readOnlyHint`, `destructiveHint`, …): claims of the server, not guarantees. */
  annotations?: Readonly<Record<string, unknown>>;
}

/** Options of {@link mcpToolset} besides where the server is. */
export interface McpToolsetSettings {
  /** Name of the set, and of the server in messages (default `mcp`). */
  name?: string;
  /** Put before every tool name (e.g. `github_`); names are reduced to `[a-zA-Z0-9_-]`, 64 characters. */
  prefix?: string;
  /** Offer only the tools this says yes to (default: all). */
  include?: readonly string[] | ((tool: McpToolInfo) => boolean);
  /** Ask a person before a call: all tools (`true`), some by server name, or decided per tool (default: none). */
  needsApproval?: boolean | readonly string[] | ((tool: McpToolInfo) => boolean);
  /** Longest one call may take, ms (default 60 s); the server is told to cancel it. */
  timeoutMs?: number;
  /** How a dropped connection comes back (stdio: a respawned process) on the next call. */
  reconnect?: McpReconnectOptions;
  /**
   * Save images and audio of results here (a folder; Node, Bun and Deno); the model reads their path. Without it
   * the model reads a description, and the bytes stay in the result value for the app.
   */
  mediaDir?: string;
}

/** Options of {@link mcpToolset}: where the server is, and how its tools are offered. */
export type McpToolsetOptions = McpServerTarget & McpToolsetSettings;

/** An image or audio part of a result. */
export interface McpMedia {
  /** `image` or `audio`. */
  kind: 'image' | 'audio';
  /** Its MIME type. */
  mimeType: string;
  /** Its bytes, base64 (for the app; the model never reads them). */
  data: string;
  /** Size, bytes. */
  bytes: number;
  /** Where it was saved, with `mediaDir`. */
  path?: string;
}

/** What an MCP tool call returns: the model reads {@link McpToolResult.toToolOutput}. */
export interface McpToolResult extends ToolOutputConvertible {
  /** The text parts, and embedded text resources, in order. */
  text: string[];
  /** Images and audio. */
  media: McpMedia[];
  /** Links to resources (`resource_link`, embedded binary resources). */
  resources: { uri: string; mimeType?: string }[];
  /** The structured result, when the tool gave one. */
  structured?: unknown;
}

/** A toolset backed by an MCP server; `close()` ends the connection (stdio: the server process). */
export class McpToolSet extends ToolSet {
  readonly #close: () => Promise<void>;

  /** Made by {@link mcpToolset}. @internal */
  constructor(tools: readonly Tool[], name: string, close: () => Promise<void>) {
    super(tools, { name });
    this.#close = close;
  }

  /** Ends the connection; later calls are refused with a tool result. */
  close(): Promise<void> {
    return this.#close();
  }
}

type CallResult = Awaited<ReturnType<Client['callTool']>>;
type ContentPart = { type: string; [key: string]: unknown };

function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

async function saveMedia(dir: string, media: McpMedia): Promise<string> {
  const [{ mkdir, writeFile }, path, { randomBytes }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('node:crypto'),
  ]);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `mcp-${randomBytes(6).toString('hex')}.${extensionForMimeType(media.mimeType)}`);
  await writeFile(file, Buffer.from(media.data, 'base64'), { flag: 'wx' });
  return file;
}

function describeMedia(media: McpMedia): string {
  return `[${media.kind} ${media.mimeType}, ${media.bytes} bytes${media.path ? `, saved as ${media.path}` : ''}]`;
}

/** Maps a call result to a hello-dave result (an `isError` result throws: the model reads it as an error). */
async function toResult(result: CallResult, mediaDir: string | undefined): Promise<McpToolResult> {
  const text: string[] = [];
  const media: McpMedia[] = [];
  const resources: McpToolResult['resources'] = [];
  const lines: string[] = [];
  for (const part of (result.content ?? []) as ContentPart[]) {
    if (part.type === 'text' && typeof part.text === 'string') {
      text.push(part.text);
      lines.push(part.text);
    } else if ((part.type === 'image' || part.type === 'audio') && typeof part.data === 'string') {
      const item: McpMedia = {
        kind: part.type,
        mimeType: String(part.mimeType ?? 'application/octet-stream'),
        data: part.data,
        bytes: base64Bytes(part.data),
      };
      if (mediaDir !== undefined) item.path = await saveMedia(mediaDir, item);
      media.push(item);
      lines.push(describeMedia(item));
    } else if (part.type === 'resource_link' && typeof part.uri === 'string') {
      resources.push(
        typeof part.mimeType === 'string' ? { uri: part.uri, mimeType: part.mimeType } : { uri: part.uri },
      );
      lines.push(`[resource ${part.uri}${typeof part.name === 'string' ? ` (${part.name})` : ''}]`);
    } else if (part.type === 'resource' && typeof part.resource === 'object' && part.resource !== null) {
      const resource = part.resource as { uri?: unknown; text?: unknown; mimeType?: unknown };
      if (typeof resource.text === 'string') {
        text.push(resource.text);
        lines.push(resource.text);
      } else if (typeof resource.uri === 'string') {
        resources.push({ uri: resource.uri });
        lines.push(`[resource ${resource.uri}, binary; not shown]`);
      }
    } else {
      lines.push(`[${part.type} content; not shown]`);
    }
  }
  if (result.isError === true) throw new Error(`The tool reported an error: ${lines.join('\n') || '(no message)'}`);
  const value: McpToolResult = {
    text,
    media,
    resources,
    toToolOutput: () =>
      lines.length > 0 ? lines.join('\n') : value.structured === undefined ? 'OK' : JSON.stringify(value.structured),
  };
  if (result.structuredContent !== undefined) value.structured = result.structuredContent;
  return value;
}

/** True for an error of the transport (the connection is gone), not an answer of the server. */
function transportFailed(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // JSON-RPC errors the server sent (invalid params, method not found, a timeout we asked for) keep the connection.
  if (typeof code === 'number' && code !== -32000 && (error as Error).constructor.name === 'McpError') return false;
  return true;
}

function decide(rule: McpToolsetSettings['needsApproval'] | McpToolsetSettings['include'], tool: McpToolInfo) {
  if (typeof rule === 'function') return rule(tool);
  if (Array.isArray(rule)) return rule.includes(tool.name);
  return rule === true;
}

/**
 * Connects to an MCP server and offers its tools. Close it with `close()` when done (it also ends a stdio server).
 * @example
 * ```ts
 * import { mcpToolset } from 'hello-dave/mcp';
 * const fs = await mcpToolset({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', './work'] });
 * const remote = await mcpToolset({ url: 'https://mcp.example.com/mcp', needsApproval: (t) => !t.annotations?.readOnlyHint });
 * const agent = new Agent({ name: 'helper', model, tools: [fs, remote] });
 * // …
 * await Promise.all([fs.close(), remote.close()]);
 * ```
 */
export async function mcpToolset(options: McpToolsetOptions): Promise<McpToolSet> {
  const name = options.name ?? 'mcp';
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!(timeoutMs > 0)) throw new ToolDefinitionError(name, 'timeoutMs must be a positive number');
  const target: McpServerTarget =
    'command' in options
      ? {
          command: options.command,
          ...(options.args ? { args: options.args } : {}),
          ...(options.env ? { env: options.env } : {}),
          ...(options.cwd ? { cwd: options.cwd } : {}),
          ...(options.stderr ? { stderr: options.stderr } : {}),
        }
      : { url: options.url, ...(options.headers ? { headers: options.headers } : {}) };
  const connection = await McpConnection.open(target, options.reconnect);
  try {
    const listed: McpToolInfo[] = [];
    const schemas = new Map<string, JsonSchema>();
    let cursor: string | undefined;
    do {
      const page = await (await connection.client()).listTools(cursor === undefined ? {} : { cursor });
      for (const tool of page.tools) {
        const info: McpToolInfo = { name: tool.name };
        if (tool.description !== undefined) info.description = tool.description;
        if (tool.annotations !== undefined) info.annotations = tool.annotations;
        listed.push(info);
        schemas.set(tool.name, tool.inputSchema as JsonSchema);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const offered = options.include === undefined ? listed : listed.filter((tool) => decide(options.include, tool));
    const tools = offered.map((info) => {
      const toolName = `${options.prefix ?? ''}${info.name}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
      if (!TOOL_NAME_PATTERN.test(toolName)) throw new ToolDefinitionError(info.name, 'no usable tool name');
      return defineTool({
        name: toolName,
        description: info.description ?? `The ${info.name} tool of the ${name} MCP server.`,
        input: z.record(z.string(), z.unknown()),
        inputJsonSchema: schemas.get(info.name) ?? { type: 'object' },
        needsApproval: decide(options.needsApproval, info),
        timeoutMs,
        async run(args, context) {
          const client = await connection.client();
          let result: CallResult;
          try {
            result = await client.callTool({ name: info.name, arguments: args }, undefined, {
              signal: context.signal,
              timeout: timeoutMs + 1000,
            });
          } catch (error) {
            if (!context.signal.aborted && transportFailed(error)) await connection.drop(client);
            throw error;
          }
          connection.succeeded();
          return toResult(result, options.mediaDir);
        },
      });
    });
    return new McpToolSet(tools, name, () => connection.close());
  } catch (error) {
    await connection.close();
    throw error;
  }
}
