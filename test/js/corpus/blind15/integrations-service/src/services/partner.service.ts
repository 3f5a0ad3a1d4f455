import got from 'got';
import http from 'node:http';
import https from 'node:https';
import { injectable } from 'tsyringe';
import { integrationConfig } from '../config';

export class FeedHostRejected extends Error {
  status = 400;
}

@injectable()
export class PartnerService {
  async fetchFeed(feedUrl: string): Promise<string> {
    return got(feedUrl, { timeout: { request: integrationConfig.importTimeoutMs } }).text(); //@vuln CWE-918
  }

  async fetchApprovedFeed(feedUrl: string): Promise<string> {
    const url = new URL(feedUrl);
    if (url.protocol !== 'https:' || !integrationConfig.allowedFeedHosts.includes(url.hostname)) {
      throw new FeedHostRejected(`feed host ${url.hostname} is not approved`);
    }
    return got(url, { timeout: { request: integrationConfig.importTimeoutMs }, followRedirect: false }).text(); //@safe
  }

  async partnerCatalog(partnerId: string): Promise<unknown> {
    return got(`${integrationConfig.partnerApiBase}/partners/${encodeURIComponent(partnerId)}/catalog`).json(); //@safe
  }

  notifyCallback(callbackUrl: string, payload: unknown): Promise<number> {
    const url = new URL(callbackUrl);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => { //@vuln CWE-918
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify(payload));
    });
  }
}
