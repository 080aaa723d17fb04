/**
 * One connection to an MCP server (a spawned stdio process or a streamable HTTP endpoint) that comes back when it
 * dropped: the next call after a drop reconnects (stdio: respawns the process), after a backoff that doubles with
 * each drop in a row, up to a limit. The SDK is loaded here, on first use (an optional peer dependency).
 * @module
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { AbortedError, ConnectionError, ToolDefinitionError, ToolRefusedError } from '../common/errors.js';

/** Where the server is: a command to spawn (stdio) or a URL (streamable HTTP). */
export type McpServerTarget =
  | {
      /** The server's executable (spawned without a shell). */
      command: string;
      /** Its arguments. */
      args?: readonly string[];
      /** Extra environment (added to a small default: `PATH`, `HOME`, …; your API keys are not passed on). */
      env?: Readonly<Record<string, string>>;
      /** Its working folder. */
      cwd?: string;
      /** Its stderr: `inherit` (default) or `ignore`. */
      stderr?: 'inherit' | 'ignore';
    }
  | {
      /** The streamable HTTP endpoint. */
      url: string | URL;
      /** Headers sent with every request (e.g. `authorization`). */
      headers?: Readonly<Record<string, string>>;
    };

/** How a dropped connection comes back. */
export interface McpReconnectOptions {
  /** Most reconnects in a row without a successful call in between (default 3); then calls fail. */
  maxAttempts?: number;
  /** Wait before the first reconnect, ms (default 500), doubled each time after. */
  baseDelayMs?: number;
  /** Longest wait, ms (default 10 s). */
  maxDelayMs?: number;
}

type Sdk = {
  Client: typeof import('@modelcontextprotocol/sdk/client/index.js').Client;
  transport(): Promise<Transport>;
};

async function loadSdk(target: McpServerTarget): Promise<Sdk> {
  try {
    const { Client: ClientClass } = await import('@modelcontextprotocol/sdk/client/index.js');
    if ('command' in target) {
      const { StdioClientTransport, getDefaultEnvironment } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      return {
        Client: ClientClass,
        transport: async () =>
          new StdioClientTransport({
            command: target.command,
            args: [...(target.args ?? [])],
            env: { ...getDefaultEnvironment(), ...target.env },
            stderr: target.stderr ?? 'inherit',
            ...(target.cwd === undefined ? {} : { cwd: target.cwd }),
          }),
      };
    }
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    const url = new URL(target.url);
    return {
      Client: ClientClass,
      transport: async () =>
        new StreamableHTTPClientTransport(url, { requestInit: { headers: { ...target.headers } } }),
    };
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND')
      throw new ToolDefinitionError(
        'mcpToolset',
        'hello-dave/mcp needs the MCP SDK: npm install @modelcontextprotocol/sdk@1 (an optional peer dependency)',
      );
    throw error;
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A label of the server for messages (the command or the URL's origin; never headers or env). */
export function targetLabel(target: McpServerTarget): string {
  return 'command' in target ? target.command : new URL(target.url).origin;
}

/** A connection that reconnects on the next use after it dropped. @internal */
export class McpConnection {
  readonly label: string;
  readonly #sdk: Sdk;
  readonly #reconnect: Required<McpReconnectOptions>;
  #client?: Client;
  #transport?: Transport;
  #opening?: Promise<Client>;
  #dropsInARow = 0;
  #opened = false;
  #closed = false;

  private constructor(sdk: Sdk, label: string, reconnect: McpReconnectOptions) {
    this.#sdk = sdk;
    this.label = label;
    this.#reconnect = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 10_000, ...reconnect };
  }

  /** Loads the SDK and connects (a failure here throws: the app, not the model, made the toolset). */
  static async open(target: McpServerTarget, reconnect: McpReconnectOptions = {}): Promise<McpConnection> {
    const connection = new McpConnection(await loadSdk(target), targetLabel(target), reconnect);
    await connection.client();
    return connection;
  }

  /** The live client: reconnects first when the connection dropped. */
  client(): Promise<Client> {
    if (this.#closed)
      return Promise.reject(new ToolRefusedError('closed', `The MCP toolset (${this.label}) was closed.`));
    if (this.#client) return Promise.resolve(this.#client);
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /** A call went through: the drops in a row start again from zero. */
  succeeded(): void {
    this.#dropsInARow = 0;
  }

  /** Forgets a client whose transport failed, so the next call reconnects. */
  async drop(client: Client): Promise<void> {
    if (this.#client !== client) return;
    this.#client = undefined;
    await client.close().catch(() => undefined);
  }

  /** Closes the connection (stdio: the server process ends; HTTP: the session is ended). Later calls fail. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#opening?.catch(() => undefined);
    const client = this.#client;
    const transport = this.#transport as { terminateSession?: () => Promise<void> } | undefined;
    this.#client = undefined;
    await transport?.terminateSession?.().catch(() => undefined);
    await client?.close().catch(() => undefined);
  }

  async #open(): Promise<Client> {
    if (this.#opened) {
      const { maxAttempts, baseDelayMs, maxDelayMs } = this.#reconnect;
      if (this.#dropsInARow >= maxAttempts) {
        throw new ConnectionError(
          'mcp',
          `${this.label}: the connection dropped ${this.#dropsInARow} times in a row; not reconnected again. Tell the user the tool server is down.`,
        );
      }
      this.#dropsInARow++;
      await wait(Math.min(maxDelayMs, baseDelayMs * 2 ** (this.#dropsInARow - 1)));
      if (this.#closed) throw new AbortedError('The MCP toolset was closed while it reconnected.');
    }
    const client = new this.#sdk.Client({ name: 'hello-dave', version: '1' }, { capabilities: {} });
    const transport = await this.#sdk.transport();
    client.onclose = () => {
      if (this.#client === client) this.#client = undefined;
    };
    try {
      await client.connect(transport);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new ConnectionError('mcp', `${this.label}: could not connect`, { cause: error });
    }
    this.#opened = true;
    this.#client = client;
    this.#transport = transport;
    return client;
  }
}
