/**
 * The tools of agent-resume.test.ts and its child process (not a test file): `start_render` starts a paid job on
 * a render server (POST /jobs), records it in the session, then waits for it (GET /jobs/<id> until done);
 * `render_status` checks a job. The server is a fake on 127.0.0.1 that counts what it is sent.
 */
import * as z from 'zod/mini';
import { defineTool, type Tool } from '../../../src/core/tools/define-tool.js';

/** The render tools against the server at `origin`. */
export function renderTools(origin: string): Tool[] {
  const startRender = defineTool({
    name: 'start_render',
    description: 'Starts a paid render job and waits for it.',
    input: z.object({ prompt: z.string() }),
    jobTools: ['render_status'],
    async run({ prompt }, context) {
      const response = await fetch(`${origin}/jobs`, { method: 'POST', body: JSON.stringify({ prompt }) });
      const { id } = (await response.json()) as { id: string };
      await context.recordJob(
        { provider: 'render-farm', kind: 'video', id, createdAt: new Date().toISOString() },
        { state: 'pending' },
      );
      for (;;) {
        const status = (await (await fetch(`${origin}/jobs/${encodeURIComponent(id)}`)).json()) as { state: string };
        if (status.state !== 'pending') return { job_id: id, state: status.state };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  });
  const renderStatus = defineTool({
    name: 'render_status',
    description: 'Checks a render job.',
    input: z.object({ job_id: z.string() }),
    async run({ job_id }) {
      return (await (await fetch(`${origin}/jobs/${encodeURIComponent(job_id)}`)).json()) as unknown;
    },
  });
  return [startRender, renderStatus];
}
