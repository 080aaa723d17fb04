/**
 * Provider clients for the fault scenarios, each pointed at a real server on 127.0.0.1 with a fake key, no
 * environment, and retry waits kept small (`maxRetryDelayMs` caps the backoff; a longer Retry-After fails at once).
 */
import { afterEach } from 'vitest';
import type { HttpClientOptions } from '../../../src/http/types.js';
import { createAnthropicClient } from '../../../src/providers/anthropic/index.js';
import { createElevenLabsClient } from '../../../src/providers/elevenlabs/index.js';
import { createLalalClient } from '../../../src/providers/lalal/index.js';
import { createMiniMaxClient } from '../../../src/providers/minimax/index.js';
import { createMurekaClient } from '../../../src/providers/mureka/index.js';
import { createOpenAIClient } from '../../../src/providers/openai/index.js';
import { createStabilityClient } from '../../../src/providers/stability/index.js';
import { createXAIClient } from '../../../src/providers/xai/index.js';
import { type ScriptedServer, type Step, startScriptedServer } from '../local-server.js';

/** Fake keys, one per provider (never real, distinct so that a leak names its provider). */
export const KEYS = {
  openai: 'sk-test-faults-openai-0000',
  anthropic: 'sk-ant-test-faults-0000',
  xai: 'xai-test-faults-0000',
  minimax: 'mm-test-faults-0000',
  stability: 'sk-test-faults-stability-0000',
  mureka: 'op_test_faults_mureka_0000',
  elevenlabs: 'el_test_faults_0000',
  lalal: 'lalal_test_faults_0000',
} as const;

/** Options shared by every fault client: fast retries by default, overridable per scenario. */
function base(baseUrl: string, apiKey: string, extra: HttpClientOptions): HttpClientOptions {
  return { apiKey, baseUrl, env: {}, maxRetries: 2, maxRetryDelayMs: 20, ...extra };
}

export const clients = {
  openai: (origin: string, extra: HttpClientOptions = {}) => createOpenAIClient(base(origin, KEYS.openai, extra)),
  anthropic: (origin: string, extra: HttpClientOptions = {}) =>
    createAnthropicClient(base(origin, KEYS.anthropic, extra)),
  xai: (origin: string, extra: HttpClientOptions = {}) => createXAIClient(base(origin, KEYS.xai, extra)),
  minimax: (origin: string, extra: HttpClientOptions = {}) => createMiniMaxClient(base(origin, KEYS.minimax, extra)),
  stability: (origin: string, extra: HttpClientOptions = {}) =>
    createStabilityClient(base(origin, KEYS.stability, extra)),
  mureka: (origin: string, extra: HttpClientOptions = {}) => createMurekaClient(base(origin, KEYS.mureka, extra)),
  elevenlabs: (origin: string, extra: HttpClientOptions = {}) =>
    createElevenLabsClient(base(origin, KEYS.elevenlabs, extra)),
  lalal: (origin: string, extra: HttpClientOptions = {}) => createLalalClient(base(origin, KEYS.lalal, extra)),
};

/** A starter of scripted servers for one test file; every server it started is closed after each test. */
export function useScriptedServers(): (...steps: Step[]) => Promise<ScriptedServer> {
  const servers: ScriptedServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (...steps) => {
    const server = await startScriptedServer(...steps);
    servers.push(server);
    return server;
  };
}

/** A minimal Anthropic Message answer. */
export function anthropicMessage(text = 'ok'): Record<string, unknown> {
  return {
    id: 'msg_faults_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-6',
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 3, output_tokens: 1 },
  };
}

/** The params of a minimal Anthropic message. */
export const ANTHROPIC_PARAMS = {
  model: 'claude-sonnet-4-6',
  max_tokens: 16,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

/** A Sora video object in `status`. */
export function soraVideo(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'video_faults_1', object: 'video', status, model: 'sora-2', progress: 0, created_at: 1, ...extra };
}

/** A Mureka task in `status`. */
export function murekaTask(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: '1436211', created_at: 1, model: 'mureka-7', status, ...extra };
}

/** The params of a minimal Mureka song. */
export const MUREKA_SONG = { lyrics: '[Verse]\nRain on the window', model: 'auto', prompt: 'r&b, slow' };
