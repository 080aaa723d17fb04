/**
 * `hello-dave/mcp`: MCP servers (stdio or streamable HTTP) as hello-dave toolsets, on the official
 * `@modelcontextprotocol/sdk` (an optional peer dependency, loaded only by this entry). Stdio servers need Node
 * (or a runtime with `node:child_process`); HTTP servers work wherever `fetch` does.
 * @module
 */
export type { McpReconnectOptions, McpServerTarget } from './connection.js';
export {
  type McpMedia,
  type McpToolInfo,
  type McpToolResult,
  McpToolSet,
  type McpToolsetOptions,
  type McpToolsetSettings,
  mcpToolset,
} from './mcp-toolset.js';
