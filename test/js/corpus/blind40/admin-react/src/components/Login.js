import React, { useState } from 'react';
import { login } from '../api';

export default function Login() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const params = new URLSearchParams(window.location.search);

  function onSubmit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    login(email, password)
      .then((data) => {
        localStorage.setItem('token', data.token);
        // full reload so the api interceptor picks up the token
        window.location.href = params.get('next') || '/dashboard'; //@vuln CWE-601
      })
      .catch(() => {
        setError('Login failed, check your email and password');
        setBusy(false);
      });
  }

  return (
    <form className="login" onSubmit={onSubmit}>
      <h1>Bobs Garden - Admin</h1>
      {error && <div className="error">{error}</div>}
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
    </form>
  );
}
