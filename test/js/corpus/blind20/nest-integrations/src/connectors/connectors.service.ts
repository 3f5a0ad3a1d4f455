import { HttpService } from '@nestjs/axios';
import { BadRequestException, Injectable } from '@nestjs/common';
import axios from 'axios';
import got from 'got';
import { firstValueFrom } from 'rxjs';
import { PartnerPullDto, TestConnectionDto } from './dto/connector.dto';

const PARTNER_BASES: Record<PartnerPullDto['partner'], string> = {
  hubspot: 'https://api.hubapi.com/',
  salesforce: 'https://login.salesforce.com/services/data/',
  zendesk: 'https://analytics.zendesk.com/api/v2/',
};

@Injectable()
export class ConnectorsService {
  constructor(private readonly http: HttpService) {}

  async testConnection({ endpoint, headers }: TestConnectionDto) {
    const started = Date.now();
    const res = await firstValueFrom(this.http.get(endpoint, { headers, timeout: 5000, validateStatus: () => true })); //@vuln CWE-918
    return { status: res.status, latencyMs: Date.now() - started };
  }

  async previewFeed(feedUrl: string) {
    const body = await got(feedUrl, { timeout: { request: 8000 } }).text(); //@vuln CWE-918
    return body.slice(0, 4096);
  }

  async pullFromPartner({ partner, resource }: PartnerPullDto, accessToken: string) {
    const base = new URL(PARTNER_BASES[partner]);
    const target = new URL(resource.replace(/^\/+/, ''), base);
    if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) {
      throw new BadRequestException('resource outside partner api');
    }
    const { data } = await axios.get(target.toString(), { headers: { Authorization: `Bearer ${accessToken}` } }); //@safe
    return data;
  }
}
