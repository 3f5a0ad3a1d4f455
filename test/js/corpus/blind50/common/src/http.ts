import axios, { AxiosInstance } from 'axios';
import fs from 'fs';
import https from 'https';

// Several payer sandboxes still present self-signed certificates.
export const partnerAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

export const internalAgent = new https.Agent({
  keepAlive: true,
  ca: fs.readFileSync(process.env.INTERNAL_CA_PATH || '/etc/clinic/pki/ca.pem'),
});

export function partnerClient(baseURL: string, apiKey: string): AxiosInstance {
  return axios.create({
    baseURL,
    timeout: 15000,
    httpsAgent: partnerAgent,
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
  });
}

const PEER_HOSTS = new Set((process.env.FHIR_PEER_HOSTS || 'fhir.northhie.org,fhir.stmarys-health.org').split(','));

// Pulls a referenced resource from a peer HIE FHIR server.
export async function fetchPeerResource(resourceUrl: string): Promise<unknown> {
  const u = new URL(resourceUrl);
  if (u.protocol !== 'https:' || !PEER_HOSTS.has(u.hostname)) {
    throw Object.assign(new Error('peer host not allowed'), { status: 400 });
  }
  const res = await axios.get(u.toString(), { httpsAgent: internalAgent, timeout: 10000, maxRedirects: 0 }); //@safe
  return res.data;
}

export async function downloadToBuffer(url: string): Promise<Buffer> {
  const res = await axios.get(url, { responseType: 'arraybuffer', timeout: 20000 }); //@vuln CWE-918
  return Buffer.from(res.data);
}
