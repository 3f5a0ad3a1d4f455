import { rmSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { loadWorkspaceConfig } from '../config/workspace.js';
import { MsoError, errorMessage } from '../core/errors.js';
import { msoVersion } from '../core/version.js';
import { egressFetch } from '../net/egress.js';
import { isEgressRefused } from '../net/refused.js';
import { keyHash, verifySignedLicence, type Feature, type LicencePayload } from './document.js';
import { trustedKeys } from './keys.js';
import {
  offlineLicencePath,
  readJsonIfExists,
  readKey,
  removeKey,
  validationCachePath,
  writeKey,
  writeLicenceState,
} from './store.js';

/**
 * The licence check for the dispatch add-on. Scanning, git hooks, agent hooks
 * and the MCP registry never call into this module: a licence problem can
 * never switch protection off.
 *
 * - Air-gapped workspaces: offline only, a signed licence file verified locally.
 * - Standard workspaces: an offline file if present; else the online service
 *   (licence.endpoint, through the egress module). A validation is reused for
 *   a day; when the service cannot be reached, the last good validation holds
 *   for 14 days of grace.
 */
/**
 * What works without a licence. `dispatch` is here so that mso dispatch runs
 * in a fresh repository (evaluation, air-gapped sites with a local gateway);
 * a paid tier adds what its signed licence lists. Removing it makes dispatch
 * licence-only.
 */
export const COMMUNITY_FEATURES: readonly Feature[] = ['dispatch'];

export const REVALIDATE_AFTER_MS = 24 * 60 * 60 * 1000;
export const GRACE_MS = 14 * 24 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface LicenceOptions {
  /** Keys trusted to sign licences (default: the one shipped in the package). Tests pass their own. */
  publicKeys?: KeyObject[];
  /** Transport under the egress guard (tests). */
  transport?: typeof fetch;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Where warnings go (grace period in use). */
  warn?: (message: string) => void;
  /** Features that work without a licence (default COMMUNITY_FEATURES). */
  communityFeatures?: readonly Feature[];
}

export interface LicenceState {
  mode: 'standard' | 'air-gapped';
  source: 'offline-file' | 'online' | 'community' | 'none';
  licence?: LicencePayload;
  /** The tier the feature runs on (the licence's, or "community"). */
  tier?: string;
  /** Online: when the service last confirmed it; grace ends 14 days later. */
  validatedAt?: string;
  graceUntil?: string;
  /** Set when validation used the grace period because the service was unreachable. */
  usingGrace?: boolean;
  endpoint: string;
  keyFrom?: 'MSO_LICENCE_KEY' | 'file';
  problem?: string;
}

function ctx(opts: LicenceOptions) {
  return {
    keys: opts.publicKeys ?? trustedKeys(),
    now: (opts.now ?? (() => new Date()))(),
    env: opts.env ?? process.env,
    warn: opts.warn ?? ((m: string) => process.stderr.write(`mso: ${m}\n`)),
  };
}

function checkTimes(l: LicencePayload, now: Date, what: string): void {
  if (Date.parse(l.expiresAt) <= now.getTime()) throw new MsoError(`licence: ${what} expired on ${l.expiresAt}`);
  if (Date.parse(l.issuedAt) > now.getTime() + CLOCK_SKEW_MS) throw new MsoError(`licence: ${what} is issued in the future (${l.issuedAt}); check the clock`);
}

/** The offline file, verified; undefined when there is none. Throws when it exists but is not valid. */
function offlineLicence(root: string, keys: KeyObject[], now: Date): LicencePayload | undefined {
  const data = readJsonIfExists(offlineLicencePath(root));
  if (data === undefined) return undefined;
  const l = verifySignedLicence(data, keys, `the licence file ${offlineLicencePath(root)}`);
  if (l.kind !== 'offline') throw new MsoError('licence: the licence file is an online validation, not an offline licence');
  checkTimes(l, now, 'the licence file');
  return l;
}

/** The cached online validation if it verifies and belongs to `key`. */
function cachedValidation(root: string, key: string | undefined, keys: KeyObject[]): LicencePayload | undefined {
  const data = readJsonIfExists(validationCachePath(root));
  if (data === undefined || !key) return undefined;
  try {
    const l = verifySignedLicence(data, keys, 'the cached validation');
    if (l.kind !== 'online' || !l.validatedAt || l.keyHash !== keyHash(key)) return undefined;
    return l;
  } catch {
    return undefined;
  }
}

type OnlineResult = { ok: true; licence: LicencePayload; raw: unknown } | { ok: false; denied: boolean; reason: string };

/** Asks the licence service. `denied` means the service said no; otherwise it could not be reached or answered nonsense. */
async function validateOnline(root: string, endpoint: string, key: string, c: ReturnType<typeof ctx>, transport?: typeof fetch): Promise<OnlineResult> {
  const url = new URL('v1/licences/validate', endpoint.endsWith('/') ? endpoint : endpoint + '/');
  let res: Response;
  try {
    res = await egressFetch('licence', root, { transport })(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key, msoVersion: msoVersion() }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    if (isEgressRefused(err)) throw err;
    return { ok: false, denied: false, reason: `cannot reach ${url.host}: ${errorMessage((err as Error & { cause?: unknown }).cause ?? err)}` };
  }
  const text = await res.text().catch(() => '');
  if (res.status === 401 || res.status === 402 || res.status === 403 || res.status === 404) {
    let reason = `the licence service rejected the key (HTTP ${res.status})`;
    try {
      const msg = (JSON.parse(text) as { error?: unknown }).error;
      if (typeof msg === 'string') reason += `: ${msg.slice(0, 200)}`;
    } catch {
      /* no JSON reason */
    }
    return { ok: false, denied: true, reason };
  }
  if (!res.ok) return { ok: false, denied: false, reason: `the licence service answered HTTP ${res.status}` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, denied: false, reason: 'the licence service answered with something that is not JSON' };
  }
  let l: LicencePayload;
  try {
    l = verifySignedLicence(data, c.keys, 'the licence service answer');
  } catch (err) {
    // Not the service's signature (a proxy or portal in the way): treated like an outage, so grace applies.
    return { ok: false, denied: false, reason: errorMessage(err).replace(/^licence: /, '') };
  }
  if (l.kind !== 'online' || !l.validatedAt || l.keyHash !== keyHash(key)) {
    return { ok: false, denied: false, reason: 'the licence service answer is not a validation of this key' };
  }
  if (Date.parse(l.validatedAt) > c.now.getTime() + CLOCK_SKEW_MS) throw new MsoError('licence: the validation is dated in the future; check the clock');
  return { ok: true, licence: l, raw: data };
}

/**
 * The licence check for a feature of the dispatch add-on: the tier it runs
 * on, or an MsoError (exit 2) saying what to do. Dispatch calls this before
 * anything else; nothing else does.
 *
 * Features in COMMUNITY_FEATURES work without a licence (tier "community"):
 * with no licence configured nothing is checked and nothing is sent; a
 * configured licence that fails (revoked, expired, grace over) is reported as
 * a warning and the feature continues on the community tier. Features outside
 * it need a licence whose tier includes them.
 */
export async function requireLicence(root: string, feature: Feature, opts: LicenceOptions = {}): Promise<LicenceState> {
  const config = loadWorkspaceConfig(root); // a bad configuration is an error, never a tier question
  const community = opts.communityFeatures ?? COMMUNITY_FEATURES;
  try {
    return await licensed(root, feature, opts);
  } catch (err) {
    if (!(err instanceof MsoError) || !community.includes(feature)) throw err;
    // A community feature works without a licence, and a licence problem never leaves anyone worse off than having none.
    const env = opts.env ?? process.env;
    const configured = readKey(env).key !== undefined || readJsonIfExists(offlineLicencePath(root)) !== undefined;
    if (configured) ctx(opts).warn(`${err.message}; continuing on the community tier`);
    return { mode: config.dataResidency.mode, source: 'community', endpoint: config.licence.endpoint, tier: 'community', problem: configured ? err.message : undefined };
  }
}

/** The strict check: a valid licence whose tier includes `feature`, or an MsoError saying what to do. */
async function licensed(root: string, feature: Feature, opts: LicenceOptions): Promise<LicenceState> {
  const c = ctx(opts);
  const config = loadWorkspaceConfig(root);
  const mode = config.dataResidency.mode;
  const endpoint = config.licence.endpoint;
  const base: LicenceState = { mode, source: 'none', endpoint };
  const need = (l: LicencePayload, src: string) => {
    if (!l.features.includes(feature)) throw new MsoError(`licence: ${src} (tier ${l.tier}) does not include ${feature}`);
  };

  let offlineProblem: string | undefined;
  try {
    const off = offlineLicence(root, c.keys, c.now);
    if (off) {
      need(off, 'the licence file');
      return { ...base, source: 'offline-file', licence: off, tier: off.tier };
    }
  } catch (err) {
    if (mode === 'air-gapped') throw err;
    offlineProblem = errorMessage(err);
  }
  if (mode === 'air-gapped') {
    throw new MsoError(
      `licence: ${feature} needs a licence, and this workspace is air-gapped, so it is checked offline: install a signed licence file with \`mso licence activate --file PATH\``,
    );
  }

  const { key, from } = readKey(c.env);
  if (!key) {
    throw new MsoError(`licence: ${feature} needs a licence: run \`mso licence activate KEY\` (or set MSO_LICENCE_KEY)${offlineProblem ? `; ${offlineProblem}` : ''}`);
  }
  const cached = cachedValidation(root, key, c.keys);
  const fresh = cached && c.now.getTime() - Date.parse(cached.validatedAt!) < REVALIDATE_AFTER_MS && Date.parse(cached.expiresAt) > c.now.getTime();
  if (cached && fresh) {
    need(cached, 'the licence');
    return withTimes({ ...base, source: 'online', licence: cached, keyFrom: from });
  }

  const r = await validateOnline(root, endpoint, key, c, opts.transport);
  if (r.ok) {
    checkTimes(r.licence, c.now, 'the licence');
    writeLicenceState(root, validationCachePath(root), r.raw);
    need(r.licence, 'the licence');
    return withTimes({ ...base, source: 'online', licence: r.licence, keyFrom: from });
  }
  if (r.denied) {
    rmSync(validationCachePath(root), { force: true });
    throw new MsoError(`licence: ${r.reason}`);
  }
  // The service could not be reached: the last good validation holds for 14 days.
  if (cached) {
    const graceEnd = Date.parse(cached.validatedAt!) + GRACE_MS;
    if (c.now.getTime() <= graceEnd && Date.parse(cached.expiresAt) > c.now.getTime()) {
      need(cached, 'the licence');
      c.warn(`licence: ${r.reason}; using the validation of ${cached.validatedAt} (grace period until ${new Date(graceEnd).toISOString()})`);
      return withTimes({ ...base, source: 'online', licence: cached, keyFrom: from, usingGrace: true });
    }
    throw new MsoError(`licence: ${r.reason}, and the last good validation (${cached.validatedAt}) is more than 14 days old`);
  }
  throw new MsoError(`licence: ${r.reason}, and there is no earlier validation to fall back on`);
}

function withTimes(s: LicenceState): LicenceState {
  s.tier ??= s.licence?.tier;
  if (s.licence?.validatedAt) {
    s.validatedAt = s.licence.validatedAt;
    s.graceUntil = new Date(Date.parse(s.licence.validatedAt) + GRACE_MS).toISOString();
  }
  return s;
}

/** What is known locally, without any network: for `mso licence status` and `mso trust`. */
export function licenceStatus(root: string, opts: LicenceOptions = {}): LicenceState {
  const c = ctx(opts);
  const config = loadWorkspaceConfig(root);
  const base: LicenceState = { mode: config.dataResidency.mode, source: 'none', endpoint: config.licence.endpoint };
  try {
    const off = offlineLicence(root, c.keys, c.now);
    if (off) return { ...base, source: 'offline-file', licence: off };
  } catch (err) {
    base.problem = errorMessage(err);
  }
  const { key, from } = readKey(c.env);
  if (config.dataResidency.mode === 'air-gapped') return base;
  const cached = cachedValidation(root, key, c.keys);
  if (cached) return withTimes({ ...base, source: 'online', licence: cached, keyFrom: from });
  return { ...base, keyFrom: from };
}

/** `mso licence activate KEY`: validates online now, then keeps the key (user config) and the validation (.mso/). */
export async function activateKey(root: string, key: string, opts: LicenceOptions = {}): Promise<LicenceState> {
  const c = ctx(opts);
  const config = loadWorkspaceConfig(root);
  if (!/^[\x21-\x7e]{8,200}$/.test(key)) throw new MsoError('licence: that does not look like a licence key');
  if (config.dataResidency.mode === 'air-gapped') {
    throw new MsoError('licence: this workspace is air-gapped, so licences are validated offline: use `mso licence activate --file PATH` with your signed licence file');
  }
  const r = await validateOnline(root, config.licence.endpoint, key, c, opts.transport);
  if (!r.ok) throw new MsoError(`licence: not activated: ${r.reason}`);
  checkTimes(r.licence, c.now, 'the licence');
  writeKey(key, c.env);
  writeLicenceState(root, validationCachePath(root), r.raw);
  return withTimes({ mode: 'standard', source: 'online', licence: r.licence, endpoint: config.licence.endpoint, keyFrom: 'file' });
}

/** `mso licence activate --file PATH`: verifies a signed offline licence and installs it in `.mso/licence/`. */
export function activateFile(root: string, data: unknown, opts: LicenceOptions = {}): LicenceState {
  const c = ctx(opts);
  const config = loadWorkspaceConfig(root);
  const l = verifySignedLicence(data, c.keys, 'the licence file');
  if (l.kind !== 'offline') throw new MsoError('licence: that file is an online validation, not an offline licence file');
  checkTimes(l, c.now, 'the licence file');
  writeLicenceState(root, offlineLicencePath(root), data);
  return { mode: config.dataResidency.mode, source: 'offline-file', licence: l, endpoint: config.licence.endpoint };
}

/** `mso licence deactivate`: forgets the key and this workspace's licence state. */
export function deactivate(root: string, env: NodeJS.ProcessEnv = process.env): void {
  removeKey(env);
  rmSync(validationCachePath(root), { force: true });
  rmSync(offlineLicencePath(root), { force: true });
}
