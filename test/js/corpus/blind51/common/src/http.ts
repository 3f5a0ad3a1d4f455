import axios, { AxiosInstance } from 'axios';
import https from 'https';
import fs from 'fs';

const storeCa = process.env.STORE_CA_BUNDLE ? fs.readFileSync(process.env.STORE_CA_BUNDLE) : undefined;

/** Client for the matchmaking partner. Their staging + EU clusters use a self-signed cert. */
export function createPartnerClient(baseURL: string, apiKey: string): AxiosInstance {
  return axios.create({
    baseURL,
    timeout: 5000,
    headers: { 'x-api-key': apiKey, 'user-agent': 'kraken-arena/1.0' },
    httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }), //@vuln CWE-295
  });
}

/** Client for store receipt APIs (Apple, console proxy). */
export function createStoreClient(): AxiosInstance {
  return axios.create({
    timeout: 8000,
    maxRedirects: 0,
    httpsAgent: new https.Agent({ keepAlive: true, ca: storeCa, rejectUnauthorized: true }), //@safe
  });
}

export function describeAxiosError(err: unknown): string {
  if (axios.isAxiosError(err)) {
    return `${err.config?.method?.toUpperCase()} ${err.config?.url} -> ${err.response?.status ?? err.code}`;
  }
  return String(err);
}
