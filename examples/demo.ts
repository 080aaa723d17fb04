/**
 * The hello-dave demo: an agent that films. It asks a model (OpenAI Responses) what to do; the model calls the
 * media toolset, which starts a MiniMax-H3 video job, records the job in the session before waiting, polls it to
 * the end, downloads the clip atomically, and hands the path back; the model answers. Every step is printed; at
 * the end come the clip's path and length (read from the file itself) and the session file's path.
 *
 *   npm run demo                 # offline: replays fixtures through the real HTTP layer (no keys, no network)
 *   npm run demo -- --live       # live: needs OPENAI_API_KEY and MINIMAX_API_KEY (real, billable calls)
 *
 * Options: --out <dir> (default ./out), --sessions <dir> (default HELLO_DAVE_SESSIONS_DIR, else ./out/sessions:
 * the demo leaves nothing in your home folder), --prompt <text>.
 */
import { parseArgs } from 'node:util';
import { Agent, HelloDaveError } from 'hello-dave';
import { createMiniMaxClient, minimaxVideoProvider } from 'hello-dave/minimax';
import { FileSessionStore, fileDurationMs } from 'hello-dave/node';
import { createOpenAIClient, openai } from 'hello-dave/openai';
import type { MediaArtifact } from 'hello-dave/toolsets';
import { createMediaToolset } from 'hello-dave/toolsets';

const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out' },
    sessions: { type: 'string' },
    prompt: { type: 'string', default: 'Make me a short clip of a calico cat playing a tiny piano on a dim stage.' },
  },
});
const live = values.live === true;

/** Offline: msw answers from test/fixtures/demo/ (the same replay helpers users get from hello-dave/testing). */
async function offline(): Promise<{ close(): void; assertAllUsed(): void }> {
  const { setupServer } = await import('msw/node');
  const { replayFixtures } = await import('hello-dave/testing');
  const dir = decodeURIComponent(new URL('../test/fixtures/demo/', import.meta.url).pathname);
  const openaiReplay = await replayFixtures([`${dir}responses.1.json`, `${dir}responses.2.json`], {
    baseUrl: 'https://api.openai.com',
  });
  const minimaxReplay = await replayFixtures([`${dir}video-create.1.json`, `${dir}video-query`], {
    baseUrl: 'https://api.minimax.io',
  });
  const cdnReplay = await replayFixtures([`${dir}video-download.1.json`], { baseUrl: 'https://cdn.minimax.test' });
  const server = setupServer(...openaiReplay.handlers, ...minimaxReplay.handlers, ...cdnReplay.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    close: () => server.close(),
    assertAllUsed: () => {
      for (const replay of [openaiReplay, minimaxReplay, cdnReplay]) replay.assertAllUsed();
    },
  };
}

if (live && ((!process.env.OPENAI_API_KEY && !process.env.OPENAIKEY) || !process.env.MINIMAX_API_KEY)) {
  console.error('--live needs OPENAI_API_KEY (or OPENAIKEY) and MINIMAX_API_KEY.');
  process.exit(2);
}

const fixtures = live ? undefined : await offline();
// Offline, the keys are placeholders and no environment is read; live, the clients read the environment.
const offlineOptions = { apiKey: 'sk-demo-offline', env: {} };
const openaiClient = createOpenAIClient(live ? {} : offlineOptions);
const minimax = createMiniMaxClient(live ? {} : offlineOptions);

const media = createMediaToolset({
  // MiniMax-H3 by default (the v2 API); a Hailuo model in the call goes to v1.
  providers: [minimaxVideoProvider(minimax)],
  outputDir: values.out,
  wait: true,
  // Offline the fixtures answer at once; live, MiniMax video takes minutes.
  intervalMs: live ? 10_000 : 50,
  waitTimeoutMs: 20 * 60_000,
});

const director = new Agent({
  name: 'director',
  model: openai('gpt-5.4-mini', { client: openaiClient }),
  instructions:
    'You make short videos. Use media_video with provider "minimax" (MiniMax-H3 video with sound; put duration ' +
    '(4–15 s) and ratio ("16:9", "9:16", "1:1", …) in options). ' +
    'When the clip is saved, tell the user in one sentence.',
  tools: [media],
  maxTurns: 6,
});

// Sessions stay inside the project unless the user says otherwise.
const store = new FileSessionStore({
  dir: values.sessions ?? (process.env.HELLO_DAVE_SESSIONS_DIR || './out/sessions'),
});
const session = await store.create();
console.log(`${live ? 'live' : 'offline (replayed fixtures)'} · session ${session.id}`);
console.log(`you: ${values.prompt}`);

try {
  const stream = director.stream(values.prompt, { session });
  let speaking = false;
  let clip: MediaArtifact | undefined;
  for await (const event of stream) {
    switch (event.type) {
      case 'tool-call-started':
        console.log(`→ tool ${event.call.name} ${event.call.arguments}`);
        break;
      case 'tool-progress':
        console.log(`  … ${JSON.stringify(event.progress)}`);
        break;
      case 'tool-call-finished':
        console.log(`← tool ${event.result.name}: ${event.result.output}`);
        clip = savedClip(event.result.output) ?? clip;
        break;
      case 'text-delta':
        if (!speaking) process.stdout.write('director: ');
        speaking = true;
        process.stdout.write(event.delta);
        break;
    }
  }
  const result = await stream.result;
  if (result.status === 'completed') {
    if (speaking) process.stdout.write('\n');
    console.log(
      `usage: ${result.usage.inputTokens} in / ${result.usage.outputTokens} out tokens, ${result.steps.length} steps`,
    );
  }
  fixtures?.assertAllUsed();
  if (clip?.path) {
    // The length comes from the saved file's own header: proof it is a real, playable MP4.
    const durationMs = (await fileDurationMs(clip.path)) ?? clip.durationMs;
    const length = durationMs === undefined ? 'length unknown' : `${(durationMs / 1000).toFixed(1)} s`;
    console.log(`clip saved: ${clip.path} (${length}, ${clip.bytes ?? '?'} bytes)`);
  }
  console.log(`session saved: ${store.pathOf(session.id)}`);
} catch (error) {
  console.error(HelloDaveError.isInstance(error) ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  fixtures?.close();
}

/** The artifact a media tool returned, when its output is one (a saved video). */
function savedClip(output: unknown): MediaArtifact | undefined {
  let value: unknown = output;
  if (typeof output === 'string') {
    try {
      value = JSON.parse(output);
    } catch {
      return undefined;
    }
  }
  const artifact = value as Partial<MediaArtifact> | null;
  return artifact && typeof artifact.path === 'string' && artifact.kind === 'video'
    ? (artifact as MediaArtifact)
    : undefined;
}
