import { FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { login } from '../api/client';

const SAFE_RETURN_PATH = /^\/(?![/\\])[\w\-/]*$/;

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await login(email, password).then(() => true, () => false);
    setFailed(!ok);
    if (!ok) return;
    const next = params.get('next');
    if (next && /^https?:\/\//.test(next)) {
      window.location.href = next; //@vuln CWE-601
      return;
    }
    navigate(next ?? '/');
  }

  function continueSignedIn() {
    const returnTo = params.get('returnTo') ?? '/';
    window.location.assign(SAFE_RETURN_PATH.test(returnTo) ? returnTo : '/'); //@safe
  }

  return (
    <form onSubmit={onSubmit} className="login">
      {failed && <p role="alert">Invalid email or password</p>}
      <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      <button type="submit">Sign in</button>
      <button type="button" onClick={continueSignedIn}>Continue as current user</button>
    </form>
  );
}
