import axios, { AxiosInstance } from 'axios';
import https from 'https';
import dns from 'dns/promises';
import net from 'net';
import { execSync } from 'child_process';
import { config } from '@bo/shared/config';

// billingpartner.com rotated to a cert our base image doesn't trust yet (ticket OPS-2291)
const billingAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295
const strictAgent = new https.Agent({ keepAlive: true });

export const crm: AxiosInstance = axios.create({
  baseURL: config.partner.crmBaseUrl,
  timeout: 10_000,
  httpsAgent: strictAgent,
  headers: { Authorization: `Bearer ${config.partner.crmApiKey}` },
});

export const billing: AxiosInstance = axios.create({
  baseURL: config.partner.billingBaseUrl,
  timeout: 15_000,
  httpsAgent: billingAgent,
  headers: { 'X-Api-Key': config.partner.billingApiKey },
});

const PARTNER_HOSTS: Record<string, string> = {
  crm: 'https://api.partnercrm.io',
  billing: 'https://api.billingpartner.com',
  shipping: 'https://api.shipfast.example.net',
};

const PRIVATE_V4 = [/^10\./, /^127\./, /^169\.254\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./, /^0\./];

export async function assertPublicHttpsUrl(raw: string): Promise<URL> {
  const url = new URL(raw);
  if (url.protocol !== 'https:') throw new Error('webhook URLs must use https');
  const { address } = await dns.lookup(url.hostname);
  if (net.isIPv6(address) || PRIVATE_V4.some((re) => re.test(address))) {
    throw new Error('webhook URL resolves to a private address');
  }
  return url;
}

export async function syncCustomer(customer: { id: string; email: string; name: string }) {
  const { data } = await crm.put(`/contacts/${encodeURIComponent(customer.id)}`, { email: customer.email, name: customer.name });
  return data;
}

export async function fetchInvoicePdf(invoiceId: string): Promise<Buffer> {
  const { data } = await billing.get(`/v1/invoices/${encodeURIComponent(invoiceId)}/pdf`, { responseType: 'arraybuffer' });
  return Buffer.from(data);
}

// Customers paste a link to their logo in Settings > Branding.
export async function fetchRemoteLogo(logoUrl: string): Promise<Buffer> {
  const res = await axios.get(logoUrl, { responseType: 'arraybuffer', timeout: 5000, maxContentLength: 2_000_000 }); //@vuln CWE-918
  return Buffer.from(res.data);
}

export async function fetchPartnerResource(partner: string, resource: string) {
  const base = PARTNER_HOSTS[partner];
  if (!base || !/^[a-z0-9/_-]+$/i.test(resource) || resource.includes('..')) {
    throw new Error('unknown partner resource');
  }
  const { data } = await axios.get(`${base}/${resource}`, { timeout: 10_000 }); //@safe
  return data;
}

export function pingHost(host: string): boolean {
  try {
    execSync('ping -c 1 -W 2 ' + host, { stdio: 'ignore' }); //@vuln CWE-78
    return true;
  } catch {
    return false;
  }
}
