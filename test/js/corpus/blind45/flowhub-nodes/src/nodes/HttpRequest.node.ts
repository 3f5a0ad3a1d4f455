import axios, { AxiosRequestConfig, Method } from 'axios';
import https from 'https';
import type { NodeType, NodeItem, NodeExecuteContext } from '@flowhub/common/runtime';

interface HttpRequestParameters {
  method: Method;
  url: string;
  authentication: 'none' | 'basicAuth' | 'headerAuth' | 'bearer';
  sendQuery: boolean;
  queryParameters: Record<string, string>;
  sendHeaders: boolean;
  headerParameters: Record<string, string>;
  sendBody: boolean;
  contentType: 'json' | 'form-urlencoded' | 'raw';
  body: unknown;
  options: { timeout?: number; retries?: number; fullResponse?: boolean };
}

const agent = new https.Agent({ keepAlive: true, maxSockets: 50, rejectUnauthorized: true }); //@safe

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetries<T>(fn: () => Promise<T>, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err: any) {
      const status = err?.response?.status;
      if (attempt >= retries || (status && status < 500 && status !== 429)) throw err;
      await sleep(Math.min(30_000, 500 * 2 ** attempt) + Math.floor(Math.random() * 250)); //@safe
    }
  }
}

async function applyAuthentication(ctx: NodeExecuteContext<HttpRequestParameters>, cfg: AxiosRequestConfig, p: HttpRequestParameters) {
  const headers = (cfg.headers ??= {}) as Record<string, string>;
  if (p.authentication === 'basicAuth') {
    const c = await ctx.getCredentials<{ user: string; password: string }>('httpBasicAuth');
    cfg.auth = { username: c.user, password: c.password };
  } else if (p.authentication === 'headerAuth') {
    const c = await ctx.getCredentials<{ name: string; value: string }>('httpHeaderAuth');
    headers[c.name] = c.value;
  } else if (p.authentication === 'bearer') {
    headers.Authorization = `Bearer ${(await ctx.getCredentials<{ token: string }>('httpBearerAuth')).token}`;
  }
}

function toJson(data: unknown): Record<string, any> {
  if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, any>;
  return { data };
}

export const HttpRequestNode: NodeType<HttpRequestParameters> = {
  name: 'flowhub-nodes.httpRequest',
  displayName: 'HTTP Request',
  async execute(ctx) {
    const results: NodeItem[] = [];
    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const cfg: AxiosRequestConfig = {
        method: p.method,
        url: p.url,
        headers: p.sendHeaders ? { ...p.headerParameters } : {},
        params: p.sendQuery ? p.queryParameters : undefined,
        timeout: p.options.timeout ?? 300_000,
        httpsAgent: agent,
        maxRedirects: 10,
        validateStatus: () => true,
      };
      if (p.sendBody) {
        if (p.contentType === 'form-urlencoded') {
          cfg.data = new URLSearchParams(p.body as Record<string, string>).toString();
          (cfg.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
        } else {
          cfg.data = p.body;
        }
      }
      await applyAuthentication(ctx, cfg, p);
      const response = await withRetries(() => axios.request(cfg), p.options.retries ?? 0); //@vuln CWE-918
      if (response.status >= 400 && !p.options.fullResponse) {
        throw new Error(`Request failed with status code ${response.status}`);
      }
      results.push({
        json: p.options.fullResponse ? { statusCode: response.status, headers: response.headers, body: response.data } : toJson(response.data),
      });
    }
    return results;
  },
};
