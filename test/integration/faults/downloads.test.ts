/**
 * Fault scenarios of media downloads (issue 18 item 1): a body cut at 60 % (nothing left on disk, no temporary
 * file either) and expired media URLs (403 / 404 from the host) — each provider's download against a real server
 * on 127.0.0.1, into a fresh folder that must stay empty.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionError, NotFoundError, PermissionDeniedError } from '../../../src/common/errors.js';
import { downloadLalalTrack } from '../../../src/providers/lalal/index.js';
import { downloadVideo } from '../../../src/providers/minimax/index.js';
import { downloadMurekaChoice, type MurekaTask } from '../../../src/providers/mureka/index.js';
import { downloadVideoContent } from '../../../src/providers/openai/index.js';
import { downloadXAIVideo } from '../../../src/providers/xai/index.js';
import { rejection } from '../../helpers.js';
import { answer, type Step } from '../local-server.js';
import { clients, murekaTask, useScriptedServers } from './http-fault-clients.js';

const serve = useScriptedServers();
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faults-downloads-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SIZE = 100_000;
/** Headers for a video of {@link SIZE} bytes, then 60 % of it, then the connection reset. */
const cutAt60: Step = answer.partial(
  200,
  { 'content-type': 'video/mp4', 'content-length': String(SIZE) },
  new Uint8Array(SIZE * 0.6).fill(1),
  'reset',
);
/** S3's answer to a presigned URL past its expiry. */
const expired403 = answer.text(
  403,
  '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
  'application/xml',
);

async function expectEmptyFolder(): Promise<void> {
  expect(await readdir(dir)).toEqual([]);
}

describe('a download cut at 60 %', () => {
  it('Sora video content cut at 60 %: ConnectionError, no file and no temporary file left', async () => {
    const api = await serve(cutAt60);
    const progress: number[] = [];
    const error = await rejection(
      downloadVideoContent(clients.openai(api.origin), 'video_faults_1', {
        to: join(dir, 'video.mp4'),
        onProgress: ({ percent }) => progress.push(percent ?? -1),
      }),
    );
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as ConnectionError).provider).toBe('openai');
    expect(Math.max(...progress)).toBe(60);
    await expectEmptyFolder();
  });

  it('MiniMax video from its CDN URL cut at 60 %: ConnectionError, no file left', async () => {
    const api = await serve((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          file: { file_id: '205258526306433', download_url: `http://${request.headers.host}/cdn/output.mp4` },
          base_resp: { status_code: 0, status_msg: 'success' },
        }),
      );
    }, cutAt60);
    const error = await rejection(
      downloadVideo(clients.minimax(api.origin), '205258526306433', { to: join(dir, 'v.mp4') }),
    );
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(api.requests.map((request) => request.url.split('?')[0])).toEqual(['/v1/files/retrieve', '/cdn/output.mp4']);
    // The CDN never sees the key.
    expect(api.requests[1]?.headers.authorization).toBeUndefined();
    await expectEmptyFolder();
  });
});

describe('an expired media URL', () => {
  it('xAI video URL answering 403 (expired signature): PermissionDeniedError, no file', async () => {
    const cdn = await serve(expired403);
    const error = await rejection(
      downloadXAIVideo(
        clients.xai('http://127.0.0.1:9'),
        { status: 'done', video: { url: `${cdn.origin}/v/fox.mp4?X-Amz-Expires=1`, duration: 6 } },
        { to: join(dir, 'fox.mp4') },
      ),
    );
    expect(PermissionDeniedError.isInstance(error)).toBe(true);
    expect((error as PermissionDeniedError).status).toBe(403);
    await expectEmptyFolder();
  });

  it('Mureka song URL answering 404 (gone from the CDN): NotFoundError, no file', async () => {
    const cdn = await serve(answer.text(404, 'Not Found', 'text/plain'));
    const task = murekaTask('succeeded', { choices: [{ index: 0, url: `${cdn.origin}/song/a.mp3` }] }) as MurekaTask;
    const error = await rejection(
      downloadMurekaChoice(clients.mureka('http://127.0.0.1:9'), task, { to: join(dir, 'song.mp3') }),
    );
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect((error as NotFoundError).status).toBe(404);
    await expectEmptyFolder();
  });

  it('LALAL track URL answering 403 after its 24 h: PermissionDeniedError, no file', async () => {
    const cdn = await serve(expired403);
    const done = {
      status: 'success',
      result: { tracks: [{ type: 'stem', label: 'vocals', url: `${cdn.origin}/t/vocals.wav` }] },
    };
    const error = await rejection(
      downloadLalalTrack(clients.lalal('http://127.0.0.1:9'), done, { track: 'stem', to: join(dir, 'vocals.wav') }),
    );
    expect(PermissionDeniedError.isInstance(error)).toBe(true);
    expect(cdn.requests[0]?.headers['x-license-key']).toBeUndefined();
    await expectEmptyFolder();
  });
});
