import axios from 'axios';
import https from 'https';
import {injectable} from '@loopback/core';
import {HttpErrors} from '@loopback/rest';

const legacyAgent = new https.Agent({keepAlive: true, rejectUnauthorized: false}); //@vuln CWE-295
const ALLOWED_FEED_HOSTS = new Set(['feeds.acme-supply.example', 'catalog.partner.example']);

@injectable()
export class SupplierClient {
  private readonly baseUrl = process.env.SUPPLIER_API ?? 'https://supplier.internal.example';

  async fetchFeed(feedUrl: string) {
    const {data} = await axios.get(feedUrl, {httpsAgent: legacyAgent, timeout: 8000}); //@vuln CWE-918
    return data;
  }

  async fetchTrustedFeed(feedUrl: string) {
    const url = new URL(feedUrl);
    if (url.protocol !== 'https:' || !ALLOWED_FEED_HOSTS.has(url.hostname)) {
      throw new HttpErrors.BadRequest('feed host not allowed');
    }
    const {data} = await axios.get(url.toString(), {timeout: 8000}); //@safe
    return data;
  }

  async stockLevel(sku: string) {
    const {data} = await axios.get(`${this.baseUrl}/stock/${encodeURIComponent(sku)}`, {timeout: 3000});
    return data.available as number;
  }
}
