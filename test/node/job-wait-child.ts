/**
 * Child process of media-resume.test.ts: an agent whose one tool starts a paid job (records it in the session)
 * and then waits for it forever. Prints `ready` once the job entry is stored, and waits to be killed (kill -9).
 * Usage: node --import tsx job-wait-child.ts <dir> <sessionId>
 */
import * as z from 'zod/mini';
import { Agent } from '../../src/core/agent/agent.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import { FileSessionStore } from '../../src/node/file-session-store.js';
import { scriptedModel } from '../../src/testing/fake-chat-model.js';

const [dir, id] = process.argv.slice(2);
if (!dir || !id) throw new Error('usage: job-wait-child.ts <dir> <sessionId>');
const session = await new FileSessionStore({ dir }).create({ id });
const makeVideo = defineTool({
  name: 'video_create',
  description: 'Starts a video job and waits for it.',
  input: z.object({ prompt: z.string() }),
  jobTools: ['video_status', 'video_wait', 'video_download'],
  async run(_input, context) {
    const job = { provider: 'minimax', kind: 'video' as const, id: 'task_4242', createdAt: '2026-12-05T10:00:00.000Z' };
    await context.recordJob(job, { state: 'pending' });
    process.stdout.write('ready\n');
    return new Promise<never>(() => undefined);
  },
});
const model = scriptedModel([{ toolCalls: [{ name: 'video_create', arguments: { prompt: 'a red kite' } }] }]);
await new Agent({ name: 'director', model, tools: [makeVideo] }).run('Make a kite video', { session });
