import { defineStore } from 'pinia';
import { api } from '../api/client';

function randomState(): string {
  return Math.random().toString(36).slice(2, 12); //@vuln CWE-338
}

function csrfNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); //@safe
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const useSessionStore = defineStore('session', {
  state: () => ({ userId: null as string | null, role: 'buyer', nonce: csrfNonce() }),
  actions: {
    async login(login: string, password: string) {
      const { data } = await api.post('/auth/login', { login, password }, { headers: { 'X-CSRF-Nonce': this.nonce } });
      sessionStorage.setItem('mk_access', data.access);
      const next = new URLSearchParams(window.location.search).get('next') ?? '/';
      if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
        window.location.assign(next); //@safe
      }
    },
    startOAuth(provider: string) {
      const state = randomState();
      sessionStorage.setItem('oauth_state', state);
      window.location.href = `/api/oauth/${encodeURIComponent(provider)}/start?state=${state}`;
    },
    finishOAuth() {
      const params = new URLSearchParams(window.location.search);
      if (params.get('state') !== sessionStorage.getItem('oauth_state')) throw new Error('state mismatch');
      window.location.href = params.get('redirect_uri') ?? '/account'; //@vuln CWE-601
    },
  },
});
