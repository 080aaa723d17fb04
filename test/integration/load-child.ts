/**
 * Child of load.test.ts (run with `--expose-gc --import tsx`): a warm-up round, then three rounds, of RUNS concurrent
 * agent runs against the fake model at argv[2], sessions in argv[3]. Prints one JSON line: per round (warm-up first)
 * its wall time, problems and the heap after a forced collection; `startHeap` is the heap after the warm-up.
 */
import * as z from 'zod/mini';
// @ts-expect-error a plain .mjs module shared with the benchmark (no types)
import { loadAgent, loadRound } from '../../bench/lib/load-workload.mjs';
import { Agent } from '../../src/core/agent/agent.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import { FileSessionStore } from '../../src/node/file-session-store.js';
import { chatCompletions } from '../../src/providers/openai-compatible/chat-completions-model.js';
import { createChatCompletionsClient } from '../../src/providers/openai-compatible/client.js';

const [origin, dir, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
if (!origin || !dir || !gc) throw new Error('usage: node --expose-gc --import tsx load-child.ts <origin> <dir> [runs]');

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const agent = loadAgent({ Agent, defineTool, z, chatCompletions, createChatCompletionsClient }, origin);
const store = new FileSessionStore({ dir, fsync: false });
// A first round warms up: it loads what is loaded lazily, compiles the hot paths and fills the connection pool
// (200 keep-alive sockets), all of which stay. The heap is measured from after it.
const warmUp = await loadRound(agent, store, { runs, round: 0 });
const startHeap = heapAfterGc();
const rounds = [{ ...warmUp, heap: startHeap }];
for (let round = 1; round <= 3; round++) {
  const { ms, problems } = await loadRound(agent, store, { runs, round });
  rounds.push({ ms, problems, heap: heapAfterGc() });
}
process.stdout.write(`${JSON.stringify({ startHeap, rounds, maxRss: process.resourceUsage().maxRSS })}\n`);
