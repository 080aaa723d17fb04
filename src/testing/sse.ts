/**
 * Server-sent events in fixtures: writing events to the wire format and reading a complete recorded stream.
 * @module
 */
import type { FixtureSseEvent } from './fixture.js';

/** One event in wire format, ending with the blank line. */
export function encodeSseEvent(event: FixtureSseEvent): string {
  let text = '';
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  for (const line of event.data.split('\n')) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** Parses a complete event stream (comments and `retry:` are dropped; events without data are skipped). */
export function parseSseText(text: string): FixtureSseEvent[] {
  const events: FixtureSseEvent[] = [];
  let data: string[] = [];
  let name: string | undefined;
  let id: string | undefined;
  const flush = (): void => {
    if (data.length > 0) {
      const event: FixtureSseEvent = { data: data.join('\n') };
      if (name !== undefined) event.event = name;
      if (id !== undefined) event.id = id;
      events.push(event);
    }
    data = [];
    name = undefined;
    id = undefined;
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') name = value;
    else if (field === 'id') id = value;
  }
  flush();
  return events;
}
