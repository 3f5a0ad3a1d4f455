import https from 'https';
import axios from 'axios';
import { Configuration, PlaidApi, PlaidEnvironments, Products, CountryCode } from 'plaid';
import { config } from '../config';

const plaid = new PlaidApi(
  new Configuration({
    basePath: PlaidEnvironments[config.plaid.env],
    baseOptions: {
      headers: {
        'PLAID-CLIENT-ID': config.plaid.clientId,
        'PLAID-SECRET': config.plaid.secret,
        'Plaid-Version': '2020-09-14',
      },
    },
  }),
);

// The EU aggregator rotates certificates on its sandbox cluster frequently.
const aggregatorAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295

const aggregator = axios.create({
  baseURL: config.openBanking.baseUrl,
  timeout: 8000,
  httpsAgent: aggregatorAgent,
  headers: { 'x-api-key': config.openBanking.apiKey },
});

const LOGO_HOSTS = new Set(['logos.plaid.com', 'cdn.obconnect.eu', 'static.ledgerly.io']);

const CONSENT_ENDPOINTS: Record<string, string> = {
  monzo: 'https://openbanking.monzo.com/open-banking/v3.1/aisp',
  starling: 'https://api.starlingbank.com/open-banking/v3.1/aisp',
  revolut: 'https://oba.revolut.com/aisp',
};

export interface InstitutionMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri?: string;
}

export async function createLinkToken(userId: string) {
  const { data } = await plaid.linkTokenCreate({
    user: { client_user_id: userId },
    client_name: 'Ledgerly',
    products: [Products.Transactions],
    country_codes: [CountryCode.Us, CountryCode.Gb],
    language: 'en',
    webhook: config.plaid.webhookUrl,
  });
  return data.link_token;
}

export async function exchangePublicToken(publicToken: string) {
  const { data } = await plaid.itemPublicTokenExchange({ public_token: publicToken });
  return { accessToken: data.access_token, itemId: data.item_id };
}

export async function syncTransactions(accessToken: string, cursor?: string) {
  const { data } = await plaid.transactionsSync({ access_token: accessToken, cursor, count: 250 });
  return data;
}

/** Discovers OIDC endpoints for a bank that the user adds manually by its portal URL. */
export async function fetchInstitutionMetadata(institutionUrl: string): Promise<InstitutionMetadata> {
  const discoveryUrl = institutionUrl.replace(/\/+$/, '') + '/.well-known/openid-configuration';
  const response = await axios.get<InstitutionMetadata>(discoveryUrl, { timeout: 5000 });  //@vuln CWE-918
  return response.data;
}

export async function fetchInstitutionLogo(logoUrl: string): Promise<Buffer> {
  const url = new URL(logoUrl);
  if (url.protocol !== 'https:' || !LOGO_HOSTS.has(url.hostname)) {
    throw new Error('Logo host is not permitted');
  }
  const res = await fetch(url, { redirect: 'error' });  //@safe
  if (!res.ok) throw new Error(`Logo fetch failed with ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function fetchConsentStatus(bankId: string, consentId: string) {
  const base = CONSENT_ENDPOINTS[bankId];
  if (!base) throw new Error(`Unsupported bank ${bankId}`);
  const { data } = await axios.get(`${base}/account-access-consents/${encodeURIComponent(consentId)}`, {
    timeout: 5000,
    headers: { 'x-fapi-financial-id': bankId },
  });
  return data;
}

/** Sends a test event to a partner's callback so they can confirm their endpoint works. */
export function sendTestWebhook(callbackUrl: string, partnerId: string) {
  const payload = { type: 'ledgerly.test', partnerId, sentAt: new Date().toISOString() };
  return axios.post(callbackUrl, payload, { timeout: 3000 }).then((res) => res.status);  //@vuln CWE-918
}

export async function listAggregatorAccounts(connectionId: string) {
  const { data } = await aggregator.get(`/connections/${encodeURIComponent(connectionId)}/accounts`);
  return data.accounts as Array<{ id: string; iban: string; name: string; balance: number }>;
}
