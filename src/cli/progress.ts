/**
 * Progress of a media job: a bar redrawn in place on a terminal, plain lines (one per change) otherwise, or
 * `--json` `progress` lines.
 * @module
 */
import { writeJsonEvent } from './json-events.js';

/** What is going on. */
export interface ProgressUpdate {
  /** Waiting for the provider, or downloading the result. */
  stage: 'wait' | 'download';
  /** 0–100 when known. */
  percent?: number;
  /** The provider's state word. */
  state?: string;
  /** Milliseconds since the stage began. */
  elapsedMs?: number;
}

/** Reports progress; `end` finishes the bar's line. */
export interface ProgressReporter {
  update(update: ProgressUpdate): void;
  end(): void;
}

const WIDTH = 24;

/** The bar line: `[#######.........]  42% waiting (processing) 12s`. */
export function progressBar(update: ProgressUpdate): string {
  const percent = update.percent === undefined ? undefined : Math.max(0, Math.min(100, Math.round(update.percent)));
  const filled = percent === undefined ? 0 : Math.round((percent / 100) * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  const label = update.stage === 'wait' ? 'waiting' : 'downloading';
  const state = update.state ? ` (${update.state})` : '';
  const seconds = update.elapsedMs === undefined ? '' : ` ${Math.floor(update.elapsedMs / 1000)}s`;
  return `${bar} ${percent === undefined ? ' --' : `${String(percent).padStart(3)}%`} ${label}${state}${seconds}`;
}

/** The reporter for this output: a bar on a terminal, lines otherwise, or JSON. */
export function progressReporter(options: {
  json: boolean;
  tty: boolean;
  err: NodeJS.WritableStream;
  out: NodeJS.WritableStream;
}): ProgressReporter {
  if (options.json) {
    return {
      update(update) {
        writeJsonEvent(options.out, {
          type: 'progress',
          stage: update.stage,
          ...(update.percent !== undefined ? { percent: update.percent } : {}),
          ...(update.state !== undefined ? { state: update.state } : {}),
        });
      },
      end() {},
    };
  }
  if (options.tty) {
    let drawn = false;
    return {
      update(update) {
        options.err.write(`\r\x1b[2K${progressBar(update)}`);
        drawn = true;
      },
      end() {
        if (drawn) options.err.write('\n');
        drawn = false;
      },
    };
  }
  let last = '';
  return {
    update(update) {
      const step = update.percent === undefined ? '' : ` ${Math.floor(update.percent / 10) * 10}%`;
      const line = `${update.stage === 'wait' ? 'waiting' : 'downloading'}${update.state ? ` ${update.state}` : ''}${step}`;
      if (line !== last) options.err.write(`${line}\n`);
      last = line;
    },
    end() {},
  };
}
