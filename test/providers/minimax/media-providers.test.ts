import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimaxImageProvider, minimaxMusicProvider } from '../../../src/providers/minimax/index.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = { baseUrl: 'https://api.minimax.io' };
const tmp = useTempDir('minimax-media-');

/** A documented fixture whose expected JSON body gains `extra` (what the provider adds). */
async function fixtureWith(name: string, extra: Record<string, unknown>): Promise<Fixture> {
  const fixture = JSON.parse(await readFile(`${FIXTURES}/${name}.1.json`, 'utf8')) as Fixture;
  const body = fixture.request.body as { json: Record<string, unknown> };
  body.json = { ...body.json, ...extra };
  return fixture;
}

describe('MiniMax immediate media providers', () => {
  it('image: one image-01 picture per job (n: 1), asked as base64 (a held URL would expire), saved by download', async () => {
    // The fixture's body holds response_format: 'base64', which the start input leaves out.
    const fixtures = await useFixtures(server, [await fixtureWith('image-generation-tool', { n: 1 })], API);
    const images = minimaxImageProvider(client());
    expect(images).toMatchObject({ provider: 'minimax', kind: 'image', completion: 'immediate' });
    const job = await images.start({
      prompt: 'A lighthouse on a basalt cliff at dusk, 35mm photo',
      aspect_ratio: '16:9',
    });
    fixtures.assertAllUsed();
    expect(job).toMatchObject({ provider: 'minimax', kind: 'image', model: 'image-01' });
    const artifact = await images.download(job, { to: join(tmp.path, 'lighthouse.jpeg') });
    expect(artifact).toMatchObject({ kind: 'image', provider: 'minimax' });
    expect(artifact.bytes).toBeGreaterThan(0);
  });

  it('music: the song made at start, with MiniMax’s duration', async () => {
    const fixtures = await useFixtures(server, [await fixtureWith('music-generation-hex', {})], API);
    const music = minimaxMusicProvider(client());
    const job = await music.start({
      prompt: 'Indie folk, melancholic, rainy night, warm male vocal, 90 BPM',
      lyrics: '[Verse]\nStreetlights flicker on the empty road\n[Chorus]\nCarry me home before the morning',
      audio_setting: { sample_rate: 44100, bitrate: 256000, format: 'mp3' },
      output_format: 'hex',
    });
    fixtures.assertAllUsed();
    expect(job).toMatchObject({ provider: 'minimax', kind: 'music', id: '06c11f462840300d88d20b5d0bc905d5' });
    const artifact = await music.download(job, { to: join(tmp.path, 'song.mp3') });
    expect(artifact).toMatchObject({ kind: 'audio', mimeType: 'audio/mpeg', provider: 'minimax' });
    expect(artifact.durationMs).toBeGreaterThan(0);
  });
});
