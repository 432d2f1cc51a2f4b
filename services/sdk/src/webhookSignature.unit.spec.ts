import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from './webhookSignature';

// The example published with the Standard Webhooks specification.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = '{"test": 2432232314}';
const headers = {
  'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  'webhook-timestamp': '1614265330',
  'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const signedAt = new Date(1614265330 * 1000);
const at = (secondsAfter: number) => ({ now: new Date(signedAt.getTime() + secondsAfter * 1000) });

describe('verifyWebhookSignature', () => {
  it("accepts the specification's example, as a record, as Headers and as bytes", () => {
    expect(verifyWebhookSignature(secret, headers, body, at(0))).toBe(true);
    expect(verifyWebhookSignature(secret, new Headers(headers), body, at(0))).toBe(true);
    expect(verifyWebhookSignature(secret, headers, new TextEncoder().encode(body), at(0))).toBe(true);
    const upperCase = {
      'Webhook-Id': headers['webhook-id'],
      'Webhook-Timestamp': headers['webhook-timestamp'],
      'Webhook-Signature': headers['webhook-signature'],
    };
    expect(verifyWebhookSignature(secret, upperCase, body, at(0))).toBe(true);
  });

  it('finds the valid signature among several (a secret being rotated) and ignores other versions', () => {
    const several = {
      ...headers,
      'webhook-signature': `v1,${Buffer.alloc(32, 1).toString('base64')} v1a,abc ${headers['webhook-signature']}`,
    };
    expect(verifyWebhookSignature(secret, several, body, at(0))).toBe(true);
    const wrongVersion = {
      ...headers,
      'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,'),
    };
    expect(verifyWebhookSignature(secret, wrongVersion, body, at(0))).toBe(false);
  });

  it('refuses a tampered body, id or timestamp, and another secret', () => {
    expect(verifyWebhookSignature(secret, headers, '{"test": 2432232315}', at(0))).toBe(false);
    expect(verifyWebhookSignature(secret, headers, `${body} `, at(0))).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, 'webhook-id': 'msg_other' }, body, at(0))).toBe(
      false,
    );
    expect(
      verifyWebhookSignature(secret, { ...headers, 'webhook-timestamp': '1614265331' }, body, at(0)),
    ).toBe(false);
    const otherSecret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
    expect(verifyWebhookSignature(otherSecret, headers, body, at(0))).toBe(false);
  });

  it('refuses timestamps outside the tolerance, in the past and in the future', () => {
    expect(verifyWebhookSignature(secret, headers, body, at(300))).toBe(true);
    expect(verifyWebhookSignature(secret, headers, body, at(301))).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, at(-301))).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, { ...at(3600), toleranceSeconds: 3600 })).toBe(true);
    // The clock is the default: the example was signed in 2021.
    expect(verifyWebhookSignature(secret, headers, body)).toBe(false);
  });

  it('refuses requests missing a header or with a malformed one', () => {
    for (const name of Object.keys(headers)) {
      const missing: Record<string, string> = { ...headers };
      delete missing[name];
      expect(verifyWebhookSignature(secret, missing, body, at(0)), name).toBe(false);
    }
    expect(
      verifyWebhookSignature(secret, { ...headers, 'webhook-timestamp': '1614265330.0' }, body, at(0)),
    ).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, 'webhook-signature': 'v1' }, body, at(0))).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { ...headers, 'webhook-signature': '' }, body, at(0))).toBe(false);
  });
});
