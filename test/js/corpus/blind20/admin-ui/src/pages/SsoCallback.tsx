import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { reportsApi } from '../api/client';

const isInternalPath = (value: string | null): value is string =>
  !!value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\');

export function SsoCallback() {
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const code = params.get('code');
    const returnTo = params.get('return_to') ?? '/';
    if (!code) {
      setError('Missing authorization code');
      return;
    }
    reportsApi
      .completeLogin(code)
      .then(({ token }) => {
        localStorage.setItem('dash.token', token);
        window.location.href = returnTo; //@vuln CWE-601
      })
      .catch(() => setError('Sign-in failed'));
  }, [params]);

  return error ? <p role="alert">{error}</p> : <p>Signing you in…</p>;
}

export function SwitchWorkspace() {
  const [params] = useSearchParams();
  const navigate = useNavigate();

  useEffect(() => {
    const next = params.get('next');
    navigate(isInternalPath(next) ? next : '/dashboards', { replace: true }); //@safe
  }, [params, navigate]);

  return null;
}
