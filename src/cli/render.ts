/**
 * How a run is shown: as text (the answer streamed to stdout, tool calls and progress as short lines on stderr)
 * or as `--json` event lines on stdout.
 * @module
 */
import type { AgentEvent } from '../index.js';
import { jsonEventsOf, writeJsonEvent } from './json-events.js';

/** Shows the events of a run. */
export interface Renderer {
  /** One event of the run. */
  event(event: AgentEvent): void;
  /** A line about the run (a notice, a cancelled turn). */
  note(text: string): void;
}

/** Shortens a value for one line. */
export function short(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The saved file of a tool result, when it reports one (media tools return `{ path, mimeType, … }`). */
export function savedPathOf(output: string): string | undefined {
  try {
    const value = JSON.parse(output) as { path?: unknown; artifact?: { path?: unknown } };
    const path = value.artifact?.path ?? value.path;
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Text: the answer on `out` as it streams; tool activity on `err`. */
export function textRenderer(out: NodeJS.WritableStream, err: NodeJS.WritableStream): Renderer & { endLine(): void } {
  let atLineStart = true;
  const endLine = () => {
    if (!atLineStart) out.write('\n');
    atLineStart = true;
  };
  return {
    endLine,
    note(text) {
      endLine();
      err.write(`${text}\n`);
    },
    event(event) {
      switch (event.type) {
        // A refusal is the model's answer too (it declines): shown as its text is.
        case 'text-delta':
        case 'refusal-delta':
          if (event.delta === '') return;
          out.write(event.delta);
          atLineStart = event.delta.endsWith('\n');
          return;
        case 'tool-call-started':
          endLine();
          err.write(`  → ${event.call.name} ${short(event.input)}\n`);
          return;
        case 'tool-progress':
          if (event.progress.message) err.write(`    ${event.progress.message}\n`);
          return;
        case 'tool-call-finished': {
          const saved = savedPathOf(event.result.output);
          const detail =
            event.status === 'ok'
              ? saved
                ? `saved ${saved}`
                : short(event.result.output, 60)
              : short(event.result.output, 100);
          err.write(`  ← ${event.call.name} ${event.status} (${event.durationMs} ms) ${detail}\n`);
          return;
        }
        case 'handoff':
          endLine();
          err.write(`  ⇢ ${event.from} hands over to ${event.to}\n`);
          return;
        case 'run-finished':
          endLine();
          return;
        default:
          return;
      }
    },
  };
}

/** `--json`: every event as a line of the documented schema. */
export function jsonRenderer(out: NodeJS.WritableStream): Renderer {
  return {
    note() {},
    event(event) {
      for (const line of jsonEventsOf(event)) writeJsonEvent(out, line);
    },
  };
}
