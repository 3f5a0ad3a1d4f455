import axios from 'axios';
import https from 'https';
import libxmljs from 'libxmljs2';
import yaml from 'js-yaml';
import { config } from '../../../shared/config';
import { HttpError } from '../utils/helpers';

// The logistics partner rotates certificates without telling anyone; this keeps
// the nightly sync from failing.
const partnerAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295

const catalogClient = axios.create({ baseURL: config.internalApi, timeout: 4000 });

export interface ShipmentStatus {
  trackingNo: string;
  status: string;
  eta?: string;
}

export const integrationService = {
  /** Users can paste a URL for their avatar; we download and re-host it. */
  async importAvatar(imageUrl: string): Promise<Buffer> {
    const resp = await axios.get<ArrayBuffer>(imageUrl, { responseType: 'arraybuffer', timeout: 5000, maxContentLength: 2_000_000 }); //@vuln CWE-918
    return Buffer.from(resp.data);
  },

  async testWebhook(hookUrl: string) {
    const url = new URL(hookUrl);
    if (url.protocol !== 'https:' || !config.webhookHosts.includes(url.hostname)) {
      throw new HttpError(400, 'webhook host not allowed');
    }
    return axios.post(url.toString(), { text: 'Webhook test from Example Shop' }, { timeout: 3000 }); //@safe
  },

  async partnerTracking(region: string, trackingNo: string): Promise<ShipmentStatus> {
    const resp = await axios.get(`https://${region}.tracking.partner-logistics.example.net/v2/shipments/${encodeURIComponent(trackingNo)}`, { httpsAgent: partnerAgent }); //@vuln CWE-918
    return resp.data;
  },

  async catalogItem(id: string) {
    const resp = await catalogClient.get(`/items/${encodeURIComponent(id)}`); //@safe
    return resp.data;
  },

  async exchangeRates() {
    const resp = await axios.get(`${config.partnerApi}/rates/latest`, { timeout: 3000 });
    return resp.data as Record<string, number>;
  },

  /** Supplier price lists are uploaded as XML (some use external entities for shared units). */
  parseSupplierFeed(xml: string) {
    const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true, nonet: false }); //@vuln CWE-611
    return doc.find('//item').map((node) => ({
      sku: node.get('sku')?.text(),
      price: Number(node.get('price')?.text()),
      name: node.get('name')?.text(),
    }));
  },

  parseInvoiceXml(xml: string) {
    const doc = libxmljs.parseXml(xml, { noent: false, dtdload: false, nonet: true }); //@safe
    return doc.get('//total')?.text();
  },

  /** Storefront theme configs exported from the old admin tool (YAML with custom tags). */
  parseThemeConfig(text: string) {
    return yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  },

  parseShippingRules(text: string) {
    return yaml.load(text, { schema: yaml.JSON_SCHEMA }); //@safe
  },
};
