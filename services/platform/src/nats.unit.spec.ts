import { describe, expect, it } from 'vitest';
import { natsConnectOptions, redactedNatsUrl } from './nats';

describe('NATS_URL', () => {
  it('lifts percent-encoded credentials out of the URL, which nats.js would not read', () => {
    expect(natsConnectOptions('nats://fuzzforge:p%40ss%2Fw%3Ard@127.0.0.1:4222')).toEqual({
      servers: ['nats://127.0.0.1:4222'],
      user: 'fuzzforge',
      pass: 'p@ss/w:rd',
    });
  });

  it('keeps a cluster list, and a URL without credentials as it was', () => {
    expect(natsConnectOptions('nats://u:p@a:4222, nats://b:4222')).toEqual({
      servers: ['nats://a:4222', 'nats://b:4222'],
      user: 'u',
      pass: 'p',
    });
    expect(natsConnectOptions('nats://127.0.0.1:4222')).toEqual({ servers: ['nats://127.0.0.1:4222'] });
  });

  it('hides the password in logs', () => {
    expect(redactedNatsUrl('nats://fuzzforge:secret@127.0.0.1:4222')).toBe(
      'nats://fuzzforge:***@127.0.0.1:4222',
    );
  });
});
