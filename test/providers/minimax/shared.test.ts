import { describe, expect, it, vi } from 'vitest';
import { ResponseValidationError } from '../../../src/common/errors.js';
import { decodeHex, HexDecoder, JsonHexAudioReader, parseJsonExactIds } from '../../../src/providers/minimax/shared.js';

const bytes = Uint8Array.from({ length: 300 }, (_, index) => (index * 37) % 256);
const hex = Buffer.from(bytes).toString('hex');

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

describe('HexDecoder', () => {
  it('decodes across any chunking, odd digits included, upper or lower case', () => {
    const ascii = new TextEncoder().encode(hex.toUpperCase());
    for (const size of [1, 2, 3, 7, 64, 599]) {
      const decoder = new HexDecoder();
      const parts: Uint8Array[] = [];
      for (let at = 0; at < ascii.length; at += size)
        parts.push(decoder.push(ascii, at, Math.min(ascii.length, at + size)));
      decoder.end();
      expect(concat(parts)).toEqual(bytes);
    }
    expect(decodeHex(hex)).toEqual(bytes);
  });

  it('decodes with the lookup table where there is no Buffer (browsers, edge)', () => {
    const ascii = new TextEncoder().encode(hex);
    vi.stubGlobal('Buffer', undefined);
    try {
      for (const size of [1, 3, 64]) {
        const decoder = new HexDecoder();
        const parts: Uint8Array[] = [];
        for (let at = 0; at < ascii.length; at += size)
          parts.push(decoder.push(ascii, at, Math.min(ascii.length, at + size)));
        decoder.end();
        expect(concat(parts)).toEqual(bytes);
      }
      expect(decodeHex(hex.toUpperCase())).toEqual(bytes);
      expect(() => decodeHex('0x')).toThrow(/not valid hex/);
      expect(() => decodeHex('abc')).toThrow(/odd number/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('rejects bad digits and an odd length', () => {
    expect(() => decodeHex('0g')).toThrow(ResponseValidationError);
    expect(() => decodeHex('abc')).toThrow(ResponseValidationError);
    expect(() => new HexDecoder().pushText('zz')).toThrow(/not valid hex/);
  });
});

describe('JsonHexAudioReader', () => {
  const body = `{"data" : {"status":2, "audio" :\n "${hex}"},"trace_id":"t-1","extra_info":{"music_duration":1000},"base_resp":{"status_code":0,"status_msg":"成功"}}`;
  const encoded = new TextEncoder().encode(body);

  it('streams the audio out of the JSON in any chunking and parses the rest', () => {
    for (const size of [1, 5, 13, 100, encoded.length]) {
      const parts: Uint8Array[] = [];
      const reader = new JsonHexAudioReader((part) => parts.push(part));
      for (let at = 0; at < encoded.length; at += size) reader.push(encoded.subarray(at, at + size));
      const { json, foundAudio } = reader.finish();
      expect(foundAudio).toBe(true);
      expect(concat(parts)).toEqual(bytes);
      expect(json).toEqual({
        data: { status: 2, audio: '' },
        trace_id: 't-1',
        extra_info: { music_duration: 1000 },
        base_resp: { status_code: 0, status_msg: '成功' },
      });
    }
  });

  it('parses bodies without audio (errors) and refuses truncated audio', () => {
    const reader = new JsonHexAudioReader(() => undefined);
    reader.push(new TextEncoder().encode('{"data":{"audio":null},"base_resp":{"status_code":1008}}'));
    expect(reader.finish()).toEqual({
      json: { data: { audio: null }, base_resp: { status_code: 1008 } },
      foundAudio: false,
    });
    const truncated = new JsonHexAudioReader(() => undefined);
    truncated.push(new TextEncoder().encode('{"data":{"audio":"0011'));
    expect(() => truncated.finish()).toThrow(/ended inside the audio/);
  });
});

describe('parseJsonExactIds', () => {
  it('quotes large integer ids before parsing', () => {
    expect(parseJsonExactIds('{"file":{"file_id": 1234567890123456789,"bytes":5},"task_id":9007199254740993}')).toEqual(
      {
        file: { file_id: '1234567890123456789', bytes: 5 },
        task_id: '9007199254740993',
      },
    );
  });
});
