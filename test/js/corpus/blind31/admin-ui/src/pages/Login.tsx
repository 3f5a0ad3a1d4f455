import React, { useState, FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import axios from 'axios';

const api = axios.create({ baseURL: '/api', withCredentials: true });

function sameOriginTarget(raw: string | null): string {
  if (!raw) return '/dashboard';
  try {
    const url = new URL(raw, window.location.origin);
    return url.origin === window.location.origin ? url.pathname + url.search : '/dashboard';
  } catch {
    return '/dashboard';
  }
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [useLdap, setUseLdap] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // e.g. /login?notice=<b>Your session expired</b> set by the API's 401 interceptor
  const notice = params.get('notice');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const endpoint = useLdap ? '/auth/login/ldap' : '/auth/login';
      const body = useLdap ? { username: email, password } : { email, password };
      const { data } = await api.post(endpoint, body);
      localStorage.setItem('bo_token', data.token);
      if (params.get('continue')) {
        window.location.href = params.get('continue') as string; //@vuln CWE-601
        return;
      }
      window.location.assign(sameOriginTarget(params.get('next'))); //@safe
    } catch (err: any) {
      setError(err.response?.data?.error || 'Login failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={onSubmit}>
        <h1>Acme Back Office</h1>
        {notice && (
          <div
            className="notice"
            dangerouslySetInnerHTML={{ __html: notice }} //@vuln CWE-79
          />
        )}
        {error && <div className="error">{error}</div>}
        <label>
          {useLdap ? 'Corporate username' : 'Email'}
          <input value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" />
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={useLdap} onChange={(e) => setUseLdap(e.target.checked)} /> Sign in with corporate account
        </label>
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </div>
  );
}
