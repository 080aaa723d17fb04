/**
 * A real MCP server for the hello-dave/mcp tests, on the same SDK: `node test-server.mjs stdio`, or
 * `node test-server.mjs http <port>` (streamable HTTP on 127.0.0.1; prints `listening <port>` when ready).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import * as z from 'zod';

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function makeServer() {
  const server = new McpServer({ name: 'hello-dave-test-server', version: '1.0.0' });
  server.registerTool(
    'add',
    {
      description: 'Adds two numbers.',
      inputSchema: { a: z.number().describe('first'), b: z.number() },
      annotations: { readOnlyHint: true },
    },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }], structuredContent: undefined }),
  );
  server.registerTool(
    'pixel',
    { description: 'Returns a one-pixel PNG.', annotations: { readOnlyHint: true } },
    async () => ({
      content: [
        { type: 'text', text: 'a red pixel' },
        { type: 'image', data: PIXEL, mimeType: 'image/png' },
        { type: 'resource_link', uri: 'file:///pixel.png', name: 'pixel.png' },
      ],
    }),
  );
  server.registerTool('fail', { description: 'Always fails.' }, async () => ({
    content: [{ type: 'text', text: 'the disk is on fire' }],
    isError: true,
  }));
  server.registerTool('pid', { description: 'The process id.' }, async () => ({
    content: [{ type: 'text', text: String(process.pid) }],
  }));
  server.registerTool('slow', { description: 'Waits.', inputSchema: { ms: z.number() } }, async ({ ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { content: [{ type: 'text', text: 'done' }] };
  });
  server.registerTool('crash', { description: 'Ends the server process.' }, async () => {
    setTimeout(() => process.exit(3), 5);
    return { content: [{ type: 'text', text: 'bye' }] };
  });
  server.registerTool('get.weather', { description: 'A dotted name.' }, async () => ({
    content: [{ type: 'text', text: 'sunny' }],
  }));
  return server;
}

const [mode, portArg] = process.argv.slice(2);
// A server that cannot start any more (for the reconnect limit): it exits at once while this file exists.
if (process.env.EXIT_IF_EXISTS && existsSync(process.env.EXIT_IF_EXISTS)) process.exit(4);
if (mode === 'stdio') {
  await makeServer().connect(new StdioServerTransport());
} else {
  const transports = new Map();
  const http = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    const sessionId = request.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId !== undefined || request.method !== 'POST' || body?.method !== 'initialize') {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }),
        );
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
      await makeServer().connect(transport);
    }
    await transport.handleRequest(request, response, body);
  });
  http.listen(Number(portArg ?? 0), '127.0.0.1', () => {
    process.stdout.write(`listening ${http.address().port}\n`);
  });
}
