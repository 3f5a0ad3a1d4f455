import { Injectable } from '@angular/core';
import { HttpParams } from '@angular/common/http';

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly authorizeUrl = 'https://sso.example.com/oauth/authorize';
  private readonly clientId = 'portal-web';

  beginLogin(): void {
    const state = Math.random().toString(36).substring(2, 15); //@vuln CWE-338
    const nonce = this.randomHex(16);
    sessionStorage.setItem('oauth_state', state);
    sessionStorage.setItem('oauth_nonce', nonce);
    const redirect_uri = `${location.origin}/callback`;
    const params = new HttpParams({ fromObject: { client_id: this.clientId, response_type: 'code', redirect_uri, state, nonce } });
    window.location.assign(`${this.authorizeUrl}?${params.toString()}`);
  }

  private randomHex(bytes: number): string {
    const buf = new Uint8Array(bytes);
    crypto.getRandomValues(buf); //@safe
    return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}
