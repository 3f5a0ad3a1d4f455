import type { AstroCookies } from 'astro';
import serialize from 'node-serialize';

export interface Prefs {
  theme: 'light' | 'dark';
  codeLang: string;
  collapsedSections: string[];
}

const defaults: Prefs = { theme: 'light', codeLang: 'ts', collapsedSections: [] };

export function readPrefs(cookies: AstroCookies): Prefs {
  const raw = cookies.get('prefs')?.value;
  if (!raw) return defaults;
  try {
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    return { ...defaults, ...serialize.unserialize(decoded) }; //@vuln CWE-502
  } catch {
    return defaults;
  }
}

export function writePrefs(cookies: AstroCookies, prefs: Prefs) {
  const value = Buffer.from(serialize.serialize(prefs)).toString('base64');
  cookies.set('prefs', value, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 31536000 }); //@safe
}
