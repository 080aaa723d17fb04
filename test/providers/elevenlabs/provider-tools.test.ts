import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  createElevenLabsClient,
  createElevenLabsMusicToolset,
  elevenLabsMusicProvider,
} from '../../../src/providers/elevenlabs/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';

const FIXTURES = 'test/fixtures/elevenlabs';
const API = { baseUrl: 'https://api.elevenlabs.io' };
const client = () => createElevenLabsClient({ apiKey: 'sk_test_eleven', maxRetries: 0, env: {} });
const PROMPT = 'Upbeat indie pop with jangly guitars and a catchy female vocal about summer road trips';
const MP3 = new Uint8Array(await readFile(`${FIXTURES}/compose.mp3`));
const tmp = useTempDir('elevenlabs-tools-');

describe('elevenLabsMusicProvider', () => {
  it('is immediate: start composes (the one request), status and wait need none, download writes the audio', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/compose.1.json`, API);
    const music = elevenLabsMusicProvider(client());
    expect(music).toMatchObject({ provider: 'elevenlabs', kind: 'music', completion: 'immediate' });
    const job = await music.start({
      prompt: PROMPT,
      music_length_ms: 30000,
      model_id: 'music_v1',
      output_format: 'mp3_44100_128',
    });
    expect(job).toMatchObject({ provider: 'elevenlabs', kind: 'music', id: '7Ks9mPq2XbR4tLw1', model: 'music_v1' });
    expect(await music.wait(job)).toMatchObject({
      state: 'succeeded',
      result: { songId: '7Ks9mPq2XbR4tLw1', durationMs: 30000 },
    });
    const artifact = await music.download(job, { to: `${tmp.path}/song.mp3` });
    expect(fixtures.requests).toHaveLength(1);
    fixtures.assertAllUsed();
    expect(artifact).toMatchObject({
      kind: 'audio',
      mimeType: 'audio/mpeg',
      durationMs: 30000,
      provider: 'elevenlabs',
    });
    expect(new Uint8Array(await readFile(artifact.path as string))).toEqual(MP3);
  });
});

describe('createElevenLabsMusicToolset', () => {
  it('names its tools; compose saves the song, records it and returns a small record', async () => {
    await useFixtures(server, `${FIXTURES}/compose.1.json`, API);
    const tools = createElevenLabsMusicToolset(client(), { outputDir: tmp.path, model: 'music_v1' });
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'elevenlabs_compose_music',
      'elevenlabs_plan_music',
      'elevenlabs_compose_from_plan',
    ]);
    const recorded: RecordedJob[] = [];
    const result = (await tools.tools[0]?.run({ prompt: PROMPT, seconds: 30 }, toolContext(recorded))) as Record<
      string,
      unknown
    >;
    expect(result).toMatchObject({ mime_type: 'audio/mpeg', bytes: MP3.length, duration_ms: 30000 });
    expect(String(result.path)).toMatch(/\.mp3$/);
    expect(recorded).toMatchObject([{ state: 'succeeded', artifact: { kind: 'audio' } }]);
  });

  it('a bad_prompt rejection goes back to the model with the suggested prompt, not as a crash', async () => {
    await useFixtures(server, `${FIXTURES}/errors-bad-prompt.1.json`, API);
    const tools = createElevenLabsMusicToolset(client(), { outputDir: tmp.path, model: 'music_v1' });
    const result = await tools.tools[0]?.run(
      { prompt: "A song that sounds exactly like Taylor Swift's Shake It Off", seconds: 30 },
      toolContext(),
    );
    expect(result).toMatchObject({
      rejected: 'bad_prompt',
      suggested_prompt: 'An upbeat 1960s British-invasion style pop song with jangly guitars and vocal harmonies',
    });
  });

  it('plan_music returns the plan; compose_from_plan composes it', async () => {
    const fixtures = await useFixtures(server, [`${FIXTURES}/plan.1.json`], API);
    const tools = createElevenLabsMusicToolset(client(), { outputDir: tmp.path });
    const planned = (await tools.tools[1]?.run(
      { prompt: 'Cinematic orchestral build for a game trailer', seconds: 60 },
      toolContext(),
    )) as {
      plan: { sections: unknown[] };
    };
    fixtures.assertAllUsed();
    expect(planned.plan.sections).toHaveLength(3);
  });
});
