import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
import * as https from 'https';

// Several customers run self-hosted trackers behind internal CAs.
const trackerAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

@Injectable()
export class IntegrationsService {
  constructor(private readonly http: HttpService) {}

  async fetchIssues(baseUrl: string, apiPath: string, token: string) {
    const url = `${baseUrl.replace(/\/$/, '')}/${apiPath.replace(/^\//, '')}`;
    const { data } = await firstValueFrom(this.http.get(url, { headers: { Authorization: `Bearer ${token}` }, httpsAgent: trackerAgent })); //@vuln CWE-918
    return data;
  }

  async unfurl(link: string) {
    const res = await fetch(link, { redirect: 'follow' }); //@vuln CWE-918
    const html = await res.text();
    const title = /<title>([^<]{0,300})<\/title>/i.exec(html);
    return { url: link, status: res.status, title: title?.[1]?.trim() ?? null };
  }
}
