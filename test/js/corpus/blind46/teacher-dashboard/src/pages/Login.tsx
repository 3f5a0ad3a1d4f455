import React, { FormEvent, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api, ApiError } from '../api';

function sameOriginTarget(raw: string | null, fallback = '/dashboard'): string {
  if (!raw) return fallback;
  try {
    const u = new URL(raw, window.location.origin);
    return u.origin === window.location.origin ? u.pathname + u.search + u.hash : fallback;
  } catch {
    return fallback;
  }
}

export function Login() {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [mode, setMode] = useState<'password' | 'district'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'district') {
        await api('/auth/ldap', { method: 'POST', body: JSON.stringify({ username: email, password }) });
        // district SSO users come back from the portal with ?returnUrl=
        window.location.assign(params.get('returnUrl') ?? '/dashboard'); //@vuln CWE-601
      } else {
        await api('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
        window.location.assign(sameOriginTarget(params.get('next'))); //@safe
      }
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong e-mail or password.' : 'Something went wrong, please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>Sign in to Learnly</h1>
      <div className="login__modes">
        <button className={mode === 'password' ? 'active' : ''} onClick={() => setMode('password')}>Learnly account</button>
        <button className={mode === 'district' ? 'active' : ''} onClick={() => setMode('district')}>District account</button>
      </div>
      <form onSubmit={onSubmit}>
        <label>
          {mode === 'district' ? 'District username' : 'E-mail'}
          <input value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        {error && <p className="login__error">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <a href="/forgot">Forgot your password?</a>
    </main>
  );
}
