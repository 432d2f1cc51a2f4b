import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signatureOf, signedHeaders } from './signature';

// The example of the Standard Webhooks specification (github.com/standard-webhooks/standard-webhooks,
// spec/standard-webhooks.md), so the signature is checked against the spec's own numbers.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = 1614265330;
const body = '{"test": 2432232314}';

describe('Standard Webhooks signature', () => {
  it("matches the specification's example", () => {
    expect(signatureOf(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs each attempt with its own timestamp, in seconds', () => {
    const headers = signedHeaders([secret], id, new Date(timestamp * 1000 + 999), body);
    expect(headers).toMatchObject({
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureOf(secret, id, timestamp, body),
      'content-type': 'application/json',
    });
  });

  it('carries one signature per secret during a rotation, each verifying on its own', () => {
    const previous = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const other = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
    const now = new Date();
    const headers = signedHeaders([secret, previous], id, now, body);
    const seconds = Math.floor(now.getTime() / 1000);
    expect(headers['webhook-signature']).toBe(
      `${signatureOf(secret, id, seconds, body)} ${signatureOf(previous, id, seconds, body)}`,
    );
    // standardwebhooks: an independent implementation of the spec.
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(other).verify(body, headers)).toThrow();
  });

  it('changes with any byte of the body or the id', () => {
    const base = signatureOf(secret, id, timestamp, body);
    expect(signatureOf(secret, id, timestamp, body.replace('2', '3'))).not.toBe(base);
    expect(signatureOf(secret, `${id}x`, timestamp, body)).not.toBe(base);
    expect(signatureOf(secret, id, timestamp + 1, body)).not.toBe(base);
  });
});
