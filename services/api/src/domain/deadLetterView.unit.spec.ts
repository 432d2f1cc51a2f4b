import { describe, expect, it } from 'vitest';
import { eventIdOf, payloadText } from './deadLetterView';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('payloadText', () => {
  it('keeps valid UTF-8 as text and never cuts a character in two', () => {
    expect(payloadText(bytes('{"a":1}'), 4096)).toEqual({
      encoding: 'utf-8',
      data: '{"a":1}',
      truncated: false,
    });
    // 'é' is two bytes: a 5-byte cut would land inside the third one.
    expect(payloadText(bytes('ééé'), 5)).toEqual({ encoding: 'utf-8', data: 'éé', truncated: true });
  });

  it('turns bytes that are not UTF-8 into base64, truncated to the limit', () => {
    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x41, 0x42]);
    expect(payloadText(binary)).toEqual({ encoding: 'base64', data: '//4AQUI=', truncated: false });
    expect(payloadText(binary, 3)).toEqual({ encoding: 'base64', data: '//4A', truncated: true });
  });
});

describe('eventIdOf', () => {
  it('reads the id of an event envelope and nothing else', () => {
    expect(eventIdOf(bytes('{"id":"r1.started","type":"ff.run.started"}'))).toBe('r1.started');
    expect(eventIdOf(bytes('{ not json'))).toBeNull();
    expect(eventIdOf(bytes('{"id":42}'))).toBeNull();
    expect(eventIdOf(bytes('null'))).toBeNull();
  });
});
