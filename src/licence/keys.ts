import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The Ed25519 public key that signs mso licences (offline licence files and
 * the online service's answers). Only the public half is in the package.
 *
 * There is deliberately no environment variable or configuration setting that
 * adds a trusted key: either would let anyone mint licences. Tests inject
 * their own key in-process (an option to the functions that verify, or
 * `trustKeyInThisProcess` from a preloaded test module), which needs the same
 * control over the process as patching mso itself.
 */
export const SHIPPED_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAkpkEKFbBML34ARjab5UgUvba+4NMcf6BaQhVqHpEwSg=
-----END PUBLIC KEY-----
`;

// Kept on globalThis (under a symbol) rather than in this module: the CLI is a bundle with its own
// copy of this module, and a test preload that imports dist/licence/keys.js must reach that copy.
const EXTRA = Symbol.for('mso.licence.extraTrustedKeys');
const holder = globalThis as { [EXTRA]?: KeyObject[] };

/** In-process test seam (see above). Never called by mso itself. */
export function trustKeyInThisProcess(pem: string): void {
  (holder[EXTRA] ??= []).push(createPublicKey(pem));
}

export function trustedKeys(): KeyObject[] {
  return [createPublicKey(SHIPPED_PUBLIC_KEY_PEM), ...(holder[EXTRA] ?? [])];
}
