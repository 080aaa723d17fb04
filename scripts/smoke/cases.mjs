/**
 * Smoke cases that drive the built package against real servers on 127.0.0.1 (scripts/smoke/loopback.mjs): the
 * agent loop on a fake model (OpenAI Responses, JSON and streamed, and Chat Completions), and each media
 * provider's create → poll → download (OpenAI Sora, xAI, MiniMax, Stability, Mureka, ElevenLabs, LALAL.AI).
 *
 * Portable: no Node import, so the same file runs under Node, Bun, Deno (scripts/smoke-runtime.mjs) and bundled
 * into the edge-runtime VM (scripts/smoke-edge.mjs). What it needs comes in `ctx`:
 * - `m`: the package's entry points by subpath (`m['./openai']`), and `z`: zod;
 * - `serve(scenario)`, `fixtureBytes(name)`: loopback.mjs (in the edge run, the host's functions);
 * - `files`: `{ path(name), read(path) }` where the runtime has a file system, else undefined: downloads then go
 *   to a WritableStream through each provider's own download function instead of the media provider's
 *   `download` (which writes a file).
 */

const KEY = 'sk-smoke-loopback-0123456789';
/** The documented Sora fixtures' assets expire on 2026-01-02: judge them at a time they were fresh. */
const SORA_NOW = Date.parse('2026-01-01T00:05:00Z');

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function sameBytes(actual, expected, what) {
  assert(actual.length === expected.length, `${what}: ${actual.length} bytes, expected ${expected.length}`);
  for (let index = 0; index < expected.length; index += 1)
    assert(actual[index] === expected[index], `${what}: byte ${index} differs`);
}

/** A WritableStream that keeps what it is given. */
function collector() {
  const chunks = [];
  const stream = new WritableStream({
    write(chunk) {
      chunks.push(chunk);
    },
  });
  return {
    stream,
    bytes() {
      const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
      }
      return out;
    },
  };
}

/** Runs `fn(servers)` against a scenario's servers, then requires every fixture used and no stray request. */
async function withServers(ctx, scenario, fn) {
  const servers = await ctx.serve(scenario);
  try {
    try {
      await fn(servers);
    } catch (error) {
      const problems = servers.problems();
      if (problems.length > 0) error.message += `\n       server: ${problems.join(' | ')}`;
      throw error;
    }
    const problems = servers.problems();
    assert(problems.length === 0, `server: ${problems.join(' | ')}`);
  } finally {
    await servers.close();
  }
}

/**
 * Saves a finished job: to a file through the media provider where there is a file system (and checks the
 * artifact), else to a stream through `streamed(to)`; the bytes saved must be the fixture file `expect.fixture`.
 */
async function save(ctx, provider, job, streamed, expect) {
  const bytes = await saved(ctx, provider, job, streamed, expect);
  sameBytes(bytes, await ctx.fixtureBytes(expect.fixture), expect.fixture);
}

async function saved(ctx, provider, job, streamed, expect) {
  if (ctx.files) {
    const to = ctx.files.path(`${provider.provider}-${provider.kind}.${expect.ext}`);
    const artifact = await provider.download(job, { to });
    assert(artifact.path === to, `artifact path ${artifact.path}`);
    assert(artifact.provider === provider.provider, `artifact provider ${artifact.provider}`);
    assert(artifact.mimeType === expect.mimeType, `artifact type ${artifact.mimeType}`);
    if (expect.durationMs !== undefined)
      assert(artifact.durationMs === expect.durationMs, `artifact duration ${artifact.durationMs}`);
    return ctx.files.read(to);
  }
  const sink = collector();
  await streamed(sink.stream);
  return sink.bytes();
}

async function agentCase(ctx, model, options) {
  const { m, z } = ctx;
  const add = m['.'].defineTool({
    name: 'add',
    description: 'Adds two numbers',
    input: z.object({ a: z.number(), b: z.number() }),
    run: async ({ a, b }) => String(a + b),
  });
  await withServers(ctx, { model }, async (servers) => {
    const chat =
      model === 'chat'
        ? m['./openai-compatible'].chatCompletions('llama3.2', {
            client: m['./openai-compatible'].createChatCompletionsClient({
              baseUrl: `${servers.api}/v1`,
              apiKey: KEY,
              maxRetries: 0,
            }),
          })
        : m['./openai'].openai('gpt-5.4-mini', {
            client: m['./openai'].createOpenAIClient({
              apiKey: KEY,
              baseUrl: `${servers.api}/v1`,
              maxRetries: 0,
              env: {},
            }),
          });
    const agent = new m['.'].Agent({ name: 'adder', model: chat, instructions: 'Use the tool.', tools: [add] });
    let text;
    const seen = [];
    if (options.stream) {
      for await (const event of agent.stream('What is 2 + 3?')) {
        seen.push(event.type);
        if (event.type === 'text-delta') text = (text ?? '') + event.delta;
      }
    } else {
      const result = await agent.run('What is 2 + 3?');
      assert(result.status === 'completed', `status ${result.status}`);
      text = result.text;
    }
    assert(text === 'the sum is 5', `answer ${JSON.stringify(text)} (events ${seen.join(',')})`);
    assert(servers.requests.length === 2, `${servers.requests.length} model requests`);
    const second = new TextDecoder().decode(servers.requests[1].body);
    assert(second.includes('"5"') || second.includes(':"5'), `the tool result was not sent back: ${second}`);
  });
}

/** The cases, in order: `[name, run(ctx)]`. */
export const cases = [
  ['agent loop: Agent + tool on a fake model (Responses, JSON)', (ctx) => agentCase(ctx, 'responses', {})],
  [
    'agent loop: Agent.stream + tool (Responses, server-sent events)',
    (ctx) => agentCase(ctx, 'responses', { stream: true }),
  ],
  ['agent loop: Agent + tool (Chat Completions)', (ctx) => agentCase(ctx, 'chat', {})],

  [
    'openai: Sora create → poll → download',
    async (ctx) => {
      const openai = ctx.m['./openai'];
      const polls = [1, 2, 3].map((n) => `openai/videos-poll-progress.${n}.json`);
      const scenario = { api: ['openai/videos-create-json.1.json', ...polls, 'openai/videos-content-video.1.json'] };
      await withServers(ctx, scenario, async ({ api }) => {
        const client = openai.createOpenAIClient({ apiKey: KEY, baseUrl: `${api}/v1`, maxRetries: 0, env: {} });
        const sora = openai.soraVideoProvider(client, { now: () => SORA_NOW });
        const prompt = 'A calico cat plays a tiny piano on a dim stage, slow dolly-in';
        const job = await sora.start({ model: 'sora-2', prompt, seconds: '8', size: '1280x720' });
        const first = await sora.status(job);
        assert(first.state === 'pending' && first.providerStatus === 'queued', `first status ${first.state}`);
        const done = await sora.wait(JSON.parse(JSON.stringify(job)), { intervalMs: 1 });
        assert(done.state === 'succeeded', `state ${done.state}`);
        await save(ctx, sora, job, (to) => openai.downloadVideoContent(client, job.id, { to }), {
          ext: 'mp4',
          mimeType: 'video/mp4',
          fixture: 'openai/videos-content-video.mp4',
        });
      });
    },
  ],

  [
    'xai: video create → poll → download (no key to the video host)',
    async (ctx) => {
      const xai = ctx.m['./xai'];
      const polls = [1, 2, 3].map((n) => `xai/videos-get.${n}.json`);
      const scenario = { api: ['xai/videos-generations.1.json', ...polls], cdn: ['xai/videos-download.1.json'] };
      await withServers(ctx, scenario, async ({ api }) => {
        const client = xai.createXAIClient({ apiKey: KEY, baseUrl: `${api}/v1`, maxRetries: 0, env: {} });
        const videos = xai.xaiVideoProvider(client);
        const prompt = 'A red fox trots through fresh snow at dawn';
        const job = await videos.start({ prompt, duration: 8, aspect_ratio: '16:9', resolution: '720p' });
        const progress = [];
        const done = await videos.wait(job, { intervalMs: 1, onProgress: (p) => progress.push(p.percent) });
        assert(done.state === 'succeeded', `state ${done.state}`);
        assert(progress.join() === '42,100', `progress ${progress.join()}`);
        await save(ctx, videos, job, async (to) => xai.downloadXAIVideo(client, await videos.status(job), { to }), {
          ext: 'mp4',
          mimeType: 'video/mp4',
          durationMs: 8000,
          fixture: 'xai/video.mp4',
        });
      });
    },
  ],

  [
    'minimax: H3 video create → poll → download',
    async (ctx) => {
      const minimax = ctx.m['./minimax'];
      const steps = [1, 2, 3, 4, 5, 5].map((n) => `minimax/video-v2-task-success.${n}.json`);
      const scenario = { api: steps, cdn: ['minimax/video-v2-download.1.json'] };
      await withServers(ctx, scenario, async ({ api }) => {
        const client = minimax.createMiniMaxClient({ apiKey: KEY, baseUrl: api, maxRetries: 0, env: {} });
        const videos = minimax.minimaxVideoProvider(client);
        const job = await videos.start({
          content: [
            { type: 'text', text: 'A red fox trots through fresh snow at dawn' },
            { type: 'image_url', image_url: { url: 'https://example.com/fox-first.png' }, role: 'first_frame' },
          ],
          resolution: '768P',
          duration: 8,
          ratio: '16:9',
        });
        assert(job.api === 'v2', `job api ${job.api}`);
        const done = await videos.wait(job, { intervalMs: 1 });
        assert(done.state === 'succeeded', `state ${done.state}`);
        await save(ctx, videos, job, async (to) => minimax.downloadVideo(client, await videos.status(job), { to }), {
          ext: 'mp4',
          mimeType: 'video/mp4',
          durationMs: 2000,
          fixture: 'minimax/video-output.mp4',
        });
      });
    },
  ],

  [
    'stability: image and audio create (immediate) → status → download',
    async (ctx) => {
      const stability = ctx.m['./stability'];
      const scenario = { api: ['stability/generate-sd3-bytes.1.json', 'stability/audio-text-to-audio.1.json'] };
      await withServers(ctx, scenario, async ({ api }) => {
        const client = stability.createStabilityClient({ apiKey: KEY, baseUrl: api, maxRetries: 0, env: {} });
        const images = stability.stabilityImageProvider(client);
        const job = await images.start({
          model: 'sd3.5-large',
          prompt: 'a lighthouse on a cliff at golden hour',
          output_format: 'png',
        });
        const status = await images.status(job);
        assert(status.state === 'succeeded' && status.result?.seed === 343940597, `status ${JSON.stringify(status)}`);
        await save(ctx, images, job, (to) => images.download(job, { to }), {
          ext: 'png',
          mimeType: 'image/png',
          fixture: 'stability/image.png',
        });
        const music = stability.stabilityAudioProvider(client);
        const song = await music.start({
          prompt: 'warm lo-fi beat with vinyl crackle, 80 BPM',
          model: 'stable-audio-2.5',
          duration: 30,
          output_format: 'mp3',
        });
        assert((await music.wait(song)).state === 'succeeded', 'audio not succeeded');
        await save(ctx, music, song, (to) => music.download(song, { to }), {
          ext: 'mp3',
          mimeType: 'audio/mpeg',
          durationMs: 30_000,
          fixture: 'stability/audio.mp3',
        });
      });
    },
  ],

  [
    'mureka: instrumental create → poll → download',
    async (ctx) => {
      const mureka = ctx.m['./mureka'];
      const scenario = {
        api: [
          'mureka/instrumental-generate.1.json',
          'mureka/instrumental-query.1.json',
          'mureka/instrumental-query.1.json',
        ],
        cdn: ['mureka/download-instrumental.1.json'],
      };
      await withServers(ctx, scenario, async ({ api }) => {
        const client = mureka.createMurekaClient({ apiKey: KEY, baseUrl: api, maxRetries: 0, env: {} });
        const music = mureka.murekaMusicProvider(client);
        const job = await music.start({ prompt: 'lo-fi hip hop, mellow piano, vinyl crackle' });
        assert(job.id === 'instrumental:2209341', `job id ${job.id}`);
        const done = await music.wait(job, { intervalMs: 1 });
        assert(done.state === 'succeeded', `state ${done.state}`);
        await save(
          ctx,
          music,
          job,
          async (to) => mureka.downloadMurekaChoice(client, (await music.status(job)).result, { to }),
          { ext: 'mp3', mimeType: 'audio/mpeg', durationMs: 61000, fixture: 'mureka/song.mp3' },
        );
      });
    },
  ],

  [
    'elevenlabs: music compose (immediate) → status → download',
    async (ctx) => {
      const elevenlabs = ctx.m['./elevenlabs'];
      await withServers(ctx, { api: ['elevenlabs/compose.1.json'] }, async ({ api }) => {
        const client = elevenlabs.createElevenLabsClient({ apiKey: KEY, baseUrl: api, maxRetries: 0, env: {} });
        const music = elevenlabs.elevenLabsMusicProvider(client);
        const job = await music.start({
          prompt: 'Upbeat indie pop with jangly guitars and a catchy female vocal about summer road trips',
          music_length_ms: 30000,
          model_id: 'music_v1',
          output_format: 'mp3_44100_128',
        });
        assert(job.id === '7Ks9mPq2XbR4tLw1', `job id ${job.id}`);
        const status = await music.status(job);
        assert(status.state === 'succeeded', `state ${status.state}`);
        await save(ctx, music, job, (to) => music.download(job, { to }), {
          ext: 'mp3',
          mimeType: 'audio/mpeg',
          durationMs: 30000,
          fixture: 'elevenlabs/compose.mp3',
        });
      });
    },
  ],

  [
    'lalal: upload + split → poll → download the stem',
    async (ctx) => {
      const lalal = ctx.m['./lalal'];
      const checks = [1, 2, 3, 3].map((n) => `lalal/check-wait.${n}.json`);
      const scenario = {
        api: ['lalal/upload.1.json', 'lalal/split-stem.1.json', ...checks],
        cdn: ['lalal/download-vocals.1.json'],
      };
      await withServers(ctx, scenario, async ({ api }) => {
        const client = lalal.createLalalClient({ apiKey: KEY, baseUrl: api, maxRetries: 0, env: {} });
        const stems = lalal.lalalStemsProvider(client);
        const job = await stems.start({
          file: await ctx.fixtureBytes('lalal/source.mp3'),
          filename: 'song.mp3',
          presets: { stem: 'vocals', splitter: 'perseus', extraction_level: 'deep_extraction', encoder_format: 'wav' },
          idempotency_key: '0b7d6f0e-3c1a-4f55-9a9e-2f8f2b6c1d11',
        });
        const done = await stems.wait(job, { intervalMs: 1 });
        assert(done.state === 'succeeded', `state ${done.state}`);
        await save(
          ctx,
          stems,
          job,
          async (to) => lalal.downloadLalalTrack(client, (await stems.status(job)).result, { track: 'stem', to }),
          { ext: 'wav', mimeType: 'audio/wav', durationMs: 215000, fixture: 'lalal/vocals.wav' },
        );
      });
    },
  ],
];
