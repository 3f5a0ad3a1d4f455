import { Injectable } from '@angular/core';
import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Observable } from 'rxjs';
import { environment } from '../../environments/environment';

export interface MerchantDetail {
  id: number;
  name: string;
  status: 'active' | 'suspended' | 'onboarding';
  internalNotes: string;
  description: string;
  termsHtml: string;
  checkoutUrl: string;
  supportUrl: string;
  logoUrl?: string;
}

export interface OrderRow {
  id: number;
  reference: string;
  amount: number;
  currency: string;
  status: string;
  createdAt: string;
}

// ops reporting endpoints sit behind basic auth on the reporting gateway
const REPORTING_AUTH = 'Basic ' + btoa('ops-dashboard:Rp0rt1ng-Gw-2023'); //@vuln CWE-798

@Injectable({ providedIn: 'root' })
export class AdminApiService {
  private readonly base = environment.apiBase;

  constructor(private readonly http: HttpClient) {}

  getMerchant(id: string): Observable<MerchantDetail> {
    return this.http.get<MerchantDetail>(`${this.base}/admin/merchants/${encodeURIComponent(id)}`, { withCredentials: true });
  }

  searchOrders(filters: Record<string, string>): Observable<OrderRow[]> {
    return this.http.get<OrderRow[]>(`${this.base}/orders`, { params: new HttpParams({ fromObject: filters }), withCredentials: true });
  }

  reportingSummary(month: string): Observable<Record<string, number>> {
    return this.http.get<Record<string, number>>(`${environment.reportingBase}/summary`, {
      params: { month },
      headers: new HttpHeaders({ Authorization: REPORTING_AUTH }),
    });
  }

  staffLogin(username: string, password: string): Observable<{ ok: boolean }> {
    return this.http.post<{ ok: boolean }>(`${this.base}/auth/staff/login`, { username, password }, { withCredentials: true });
  }

  ssoAuthorizeUrl(state: string): string {
    const redirect = encodeURIComponent(`${location.origin}/login?sso=1`);
    return `${environment.ssoUrl}/authorize?client_id=${environment.ssoClientId}&response_type=code&state=${state}&redirect_uri=${redirect}`;
  }
}
