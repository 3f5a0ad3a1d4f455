import crypto from 'crypto';

export const PAYMENT_PROVIDER = {
  baseUrl: 'https://api.payments.example.test/v2',
  secretKey: 'sk_test_dummy', //@vuln CWE-798
  webhookSecret: process.env.PAYMENTS_WEBHOOK_SECRET ?? '',
};

export function legacyCallbackSignature(payload: string): string {
  return crypto.createHash('sha1').update(PAYMENT_PROVIDER.secretKey + payload).digest('hex'); //@vuln CWE-327|CWE-328
}

export function verifyWebhook(rawBody: Buffer, header: string): boolean {
  const expected = crypto.createHmac('sha256', PAYMENT_PROVIDER.webhookSecret).update(rawBody).digest(); //@safe
  const given = Buffer.from(header, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
