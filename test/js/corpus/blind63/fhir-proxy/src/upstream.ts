import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';

export const FHIR_BASE_URL = process.env.FHIR_BASE_URL ?? 'https://fhir.carebridge.internal/r4';

const trustedHosts = new Set(
  (process.env.TRUSTED_FHIR_HOSTS ?? 'fhir.carebridge.internal,terminology.carebridge.internal')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean),
);

if (process.env.FHIR_ENV === 'sandbox') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';  //@vuln CWE-295
}

const internalCa = fs.readFileSync(process.env.FHIR_CA_FILE ?? '/etc/carebridge/tls/internal-ca.pem');

export const ehrClient: AxiosInstance = axios.create({
  baseURL: FHIR_BASE_URL,
  timeout: 15_000,
  headers: { Accept: 'application/fhir+json' },
  httpsAgent: new https.Agent({ ca: internalCa, rejectUnauthorized: true, keepAlive: true }),  //@safe
});

export const partnerClient: AxiosInstance = axios.create({
  timeout: 20_000,
  headers: { Accept: 'application/fhir+json' },
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),  //@vuln CWE-295
});

export interface SmartConfiguration {
  authorization_endpoint: string;
  token_endpoint: string;
  capabilities?: string[];
}

export async function discoverSmartConfiguration(iss: string): Promise<SmartConfiguration> {
  const wellKnown = `${iss.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  const { data } = await axios.get<SmartConfiguration>(wellKnown, { timeout: 5000 });  //@vuln CWE-918
  if (!data?.authorization_endpoint) throw new Error('SMART configuration is missing authorization_endpoint');
  return data;
}

export async function fetchReference(reference: string, accessToken: string): Promise<unknown> {
  const url = new URL(reference, `${FHIR_BASE_URL}/`);
  if (url.protocol !== 'https:' || !trustedHosts.has(url.hostname.toLowerCase())) {
    throw Object.assign(new Error(`Reference host ${url.hostname} is not permitted`), { status: 400 });
  }
  const { data } = await ehrClient.get(url.toString(), { headers: { Authorization: `Bearer ${accessToken}` } });  //@safe
  return data;
}

export function tokenCacheKey(accessToken: string): string {
  return crypto.createHash('md5').update(accessToken).digest('hex');  //@vuln CWE-328|CWE-327
}

export function bodyDigest(body: string | Buffer): string {
  return crypto.createHash('sha256').update(body).digest('base64url');  //@safe
}
