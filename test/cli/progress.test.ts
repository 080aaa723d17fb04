import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar, progressReporter } from '../../src/cli/progress.js';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('media progress', () => {
  it('draws a bar with percent, stage, state and seconds', () => {
    expect(progressBar({ stage: 'wait', percent: 50, state: 'processing', elapsedMs: 12_400 })).toBe(
      '[############............]  50% waiting (processing) 12s',
    );
    expect(progressBar({ stage: 'download' })).toBe('[........................]  -- downloading');
    expect(progressBar({ stage: 'wait', percent: 140 })).toBe(`[${'#'.repeat(24)}] 100% waiting`);
  });

  it('on a terminal, redraws one line in place and ends it', () => {
    const err = sink();
    const reporter = progressReporter({ json: false, tty: true, err: err.stream, out: new PassThrough() });
    reporter.update({ stage: 'wait', percent: 10 });
    reporter.update({ stage: 'wait', percent: 20 });
    reporter.end();
    expect(err.text()).toBe(
      `\r\x1b[2K${progressBar({ stage: 'wait', percent: 10 })}\r\x1b[2K${progressBar({ stage: 'wait', percent: 20 })}\n`,
    );
  });

  it('otherwise, one plain line per change (10% steps)', () => {
    const err = sink();
    const reporter = progressReporter({ json: false, tty: false, err: err.stream, out: new PassThrough() });
    for (const percent of [1, 5, 12, 19, 30]) reporter.update({ stage: 'wait', percent, state: 'pending' });
    reporter.update({ stage: 'download', percent: 100 });
    expect(err.text()).toBe('waiting pending 0%\nwaiting pending 10%\nwaiting pending 30%\ndownloading 100%\n');
  });
});
