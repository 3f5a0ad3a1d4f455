import crypto from 'crypto';

const CARD_REF_KEY = Buffer.from('3f9a1c7e5b2d4f608a1b3c5d7e9f0a1b', 'hex');  //@vuln CWE-798

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
};

export function escapeHtml(input: unknown): string {
  return String(input ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

export function newSalt(): string {
  return crypto.randomBytes(16).toString('hex');
}

export function hashPassword(password: string, salt: string): string {
  return crypto.createHash('md5').update(salt + password).digest('hex');  //@vuln CWE-328|CWE-327
}

export function verifyPassword(password: string, salt: string, expectedHex: string): boolean {
  const actual = Buffer.from(hashPassword(password, salt), 'hex');
  const expected = Buffer.from(expectedHex, 'hex');
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

export function resetToken(): string {
  let token = '';
  for (let i = 0; i < 4; i++) {
    token += Math.random().toString(36).slice(2, 10);  //@vuln CWE-338
  }
  return token;
}

export function rememberMeToken(): string {
  return crypto.randomBytes(32).toString('base64url');  //@safe
}

export function encryptCardReference(reference: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', CARD_REF_KEY, null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(reference, 'utf8'), cipher.final()]).toString('base64');
}

export function sealExport(data: Buffer): string {
  const key = Buffer.from(process.env.EXPORT_SEAL_KEY ?? '', 'base64');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);  //@safe
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join('.');
}

export function invoiceEtag(pdf: Buffer): string {
  return '"' + crypto.createHash('sha256').update(pdf).digest('base64url') + '"';
}

export function invoiceFileName(accountId: number, period: string): string {
  return `${accountId}-${period.replace(/[^0-9-]/g, '')}-${crypto.randomUUID().slice(0, 8)}.pdf`;
}
