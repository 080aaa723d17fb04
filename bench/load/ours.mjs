/**
 * Ours, from dist/: one Agent (chatCompletions model, two tools) runs RUNS conversations at once, each with its own
 * run context and file session (fsync off, a temporary folder). `BENCH_LOAD_STREAM=1`: odd runs stream
 * (`ours-mixed`); `BENCH_LOAD_SESSIONS=memory`: in-memory sessions (`ours-memory`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { Agent, defineTool, MemorySessionStore } from '../../dist/index.js';
import { FileSessionStore } from '../../dist/node/index.js';
import { chatCompletions, createChatCompletionsClient } from '../../dist/providers/openai-compatible/index.js';
import { loadAgent, loadRound } from '../lib/load-workload.mjs';
import { measure, origin, RUNS } from './measure.mjs';

const agent = loadAgent({ Agent, defineTool, z, chatCompletions, createChatCompletionsClient }, origin());
const dir = mkdtempSync(join(tmpdir(), 'hello-dave-bench-load-'));
const store =
  process.env.BENCH_LOAD_SESSIONS === 'memory' ? new MemorySessionStore() : new FileSessionStore({ dir, fsync: false });
const stream = process.env.BENCH_LOAD_STREAM === '1';
try {
  await measure(async (round) => (await loadRound(agent, store, { runs: RUNS, round, stream })).problems);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
