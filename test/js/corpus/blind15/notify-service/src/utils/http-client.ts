import axios, { AxiosInstance, AxiosRequestConfig } from 'axios';

export class HttpClient {
  private readonly client: AxiosInstance;

  constructor(baseURL?: string, timeoutMs = 5000, headers: Record<string, string> = {}) {
    this.client = axios.create({ baseURL, timeout: timeoutMs, maxRedirects: 3, headers: { 'User-Agent': 'notify-service/2.3', ...headers } });
  }

  async get<T>(url: string, config?: AxiosRequestConfig): Promise<T> {
    const { data } = await this.client.get<T>(url, config); //@vuln CWE-918
    return data;
  }
}

export const internalApi = new HttpClient(process.env.USERS_API ?? 'http://users.internal:8080', 5000, { 'X-Api-Key': 'sk_test_dummy_users_api' }); //@vuln CWE-798
export const publicWeb = new HttpClient(undefined, 3000);
