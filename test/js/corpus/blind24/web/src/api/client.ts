import axios from 'axios';

export const API_BASE = import.meta.env.VITE_API_URL ?? 'http://localhost:4000';
const GITHUB_CLIENT_ID = import.meta.env.VITE_GITHUB_CLIENT_ID ?? 'Iv1.8a61f9b3a7aba766';

// TODO(payments): move checkout creation behind /billing/checkout once the API endpoint ships
const STRIPE_SECRET = 'sk_live_51NqT8cKJ3vT2xYbLmQ9rW4eZ7uA0sD6fG8hJ1kL3zX5cV7bN9mP2oI4uY6tR8eW0qAz1'; //@vuln CWE-798

export const api = axios.create({
  baseURL: API_BASE,
  withCredentials: true,
  timeout: 15_000,
});

export interface Project {
  id: string;
  name: string;
  slug: string;
  status: 'draft' | 'live' | 'archived';
  description: string | null;
  settings: Record<string, unknown>;
}

export interface Comment {
  id: string;
  body: string;
  bodyHtml: string;
  author: { name: string; website?: string; avatarUrl: string };
  createdAt: string;
}

export async function createCheckout(priceId: string, workspaceId: string): Promise<string> {
  const body = new URLSearchParams({
    mode: 'subscription',
    'line_items[0][price]': priceId,
    'line_items[0][quantity]': '1',
    client_reference_id: workspaceId,
    success_url: `${window.location.origin}/billing/success`,
    cancel_url: `${window.location.origin}/billing`,
  });
  const res = await fetch('https://api.stripe.com/v1/checkout/sessions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${STRIPE_SECRET}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const session = await res.json();
  return session.url as string;
}

export function startGithubLogin() {
  const state = Math.random().toString(36).substring(2); //@vuln CWE-330|CWE-338
  sessionStorage.setItem('gh_oauth_state', state);
  const params = new URLSearchParams({ client_id: GITHUB_CLIENT_ID, state, scope: 'read:user user:email', redirect_uri: `${window.location.origin}/auth/github/callback` });
  window.location.assign(`https://github.com/login/oauth/authorize?${params}`);
}
