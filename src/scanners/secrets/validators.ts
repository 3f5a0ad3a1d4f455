import { hasValidBase62Checksum } from './checksums.js';

/**
 * Structural checks a rule can name in `validate:`. They run after the regex
 * matched, on the secret group, and turn look-alikes into non-findings.
 */
export type Validator = (secret: string) => boolean;

function base64UrlDecode(part: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_\-+/]*={0,2}$/.test(part)) return undefined;
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  } catch {
    return undefined;
  }
}

function decodesToJsonObject(part: string): Record<string, unknown> | undefined {
  const buf = base64UrlDecode(part);
  if (!buf) return undefined;
  try {
    const value: unknown = JSON.parse(buf.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const VALIDATORS: Record<string, Validator> = {
  /** ghp_/gho_/ghu_/ghs_/ghr_: 30 random base62 characters and a CRC32 checksum. */
  'github-checksum': (s) => hasValidBase62Checksum(s),
  /** npm_: the same scheme as GitHub's tokens. */
  'npm-checksum': (s) => hasValidBase62Checksum(s),
  /** header.payload.signature where header and payload are JSON objects and the header names an algorithm. */
  jwt: (s) => {
    const parts = s.split('.');
    if (parts.length !== 3) return false;
    const header = decodesToJsonObject(parts[0]!);
    const payload = decodesToJsonObject(parts[1]!);
    if (!header || !payload || typeof header.alg !== 'string') return false;
    // alg "none" tokens carry no signature and grant nothing on their own.
    return header.alg.toLowerCase() !== 'none' && parts[2]!.length >= 16;
  },
  /** ghs_<app id>_<JWT>: the JWT's header decodes to a JSON object. */
  'github-stateless-token': (s) => {
    const jwt = s.replace(/^ghs_[0-9]+_/, '');
    const parts = jwt.split('.');
    return parts.length === 3 && !!decodesToJsonObject(parts[0]!) && parts[2]!.length >= 16;
  },
  /** pypi- macaroons: the decoded token names pypi.org (or test.pypi.org) as its location. */
  'pypi-macaroon': (s) => {
    const buf = base64UrlDecode(s.replace(/^pypi-/, ''));
    return !!buf && buf.subarray(0, 64).toString('latin1').includes('pypi.org');
  },
  /** Discord bot token: the first part is the base64 of the bot's numeric user id (a 17-20 digit snowflake). */
  'discord-bot-token': (s) => {
    const first = s.split('.')[0] ?? '';
    const buf = base64UrlDecode(first);
    return !!buf && /^[0-9]{17,20}$/.test(buf.toString('latin1'));
  },
  /** base64 of "user:password" (Docker config auth, HTTP Basic): printable, with a non-empty password. */
  'basic-credential': (s) => {
    const buf = base64UrlDecode(s);
    if (!buf) return false;
    const text = buf.toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 1 || colon === text.length - 1) return false;
    return /^[\x20-\x7e]+$/.test(text);
  },
  /** base64 of a whole PEM private key (kubeconfig client-key-data, Helm values): decodes to a BEGIN ... PRIVATE KEY block with a real body. */
  'base64-pem-private-key': (s) => {
    const buf = base64UrlDecode(s);
    if (!buf) return false;
    const text = buf.toString('latin1');
    const m = /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)-----END/.exec(text);
    return !!m && pemBody(m[1]!);
  },
  /** A PEM private key body: enough base64 to be a key, not a truncated placeholder. */
  'pem-body': (s) => pemBody(s),
};

/** A PEM private key body: enough base64 to be a key, not a truncated placeholder. */
function pemBody(s: string): boolean {
  const body = s
    .replace(/-----(BEGIN|END)[^-]*-----/g, '')
    .replace(/\\[nr]/g, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '') // Proc-Type / DEK-Info headers of encrypted PEM
    .replace(/[\s"',+]/g, '');
  if (body.length < 64) return false;
  if (/(.)\1{15,}/.test(body)) return false; // "AAAAAAAAAAAAAAAA..." placeholders
  if (/\.\.\.|<|>|REDACTED|redacted|example/i.test(body)) return false;
  // A labelled block counts even when its body does not parse as a key: allow a little noise, not prose.
  const foreign = body.replace(/[A-Za-z0-9+/=]/g, '').length;
  return foreign <= body.length * 0.05;
}
