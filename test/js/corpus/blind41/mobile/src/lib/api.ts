import AsyncStorage from '@react-native-async-storage/async-storage';
import * as SecureStore from 'expo-secure-store';
import * as Crypto from 'expo-crypto';
import Constants from 'expo-constants';

export const API_BASE: string = Constants.expoConfig?.extra?.apiBase ?? 'https://api.tandemapp.io';

// Lets the support team unlock diagnostics on a customer's phone during a call.
const SUPPORT_OVERRIDE_KEY = 'sk_support_7Hq2mZ9xR4vT1nB8wK3e'; //@vuln CWE-798

const SESSION_KEY = 'tandem.session';
const CACHE_PREFIX = 'tandem.cache.';

export async function getSession(): Promise<string | null> {
  return SecureStore.getItemAsync(SESSION_KEY);
}

export async function setSession(token: string | null): Promise<void> {
  if (token) await SecureStore.setItemAsync(SESSION_KEY, token);
  else await SecureStore.deleteItemAsync(SESSION_KEY);
}

export async function api<T = any>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const token = await getSession();
  const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers as any) };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${API_BASE}${path}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(`${res.status} ${body.error ?? 'request_failed'}`);
  }
  return res.status === 204 ? (undefined as T) : res.json();
}

export async function cached<T>(key: string, loader: () => Promise<T>, ttlMs = 5 * 60 * 1000): Promise<T> {
  const raw = await AsyncStorage.getItem(CACHE_PREFIX + key);
  if (raw) {
    const { at, value } = JSON.parse(raw);
    if (Date.now() - at < ttlMs) return value;
  }
  const value = await loader();
  await AsyncStorage.setItem(CACHE_PREFIX + key, JSON.stringify({ at: Date.now(), value }));
  return value;
}

export function supportHeaders(enteredKey: string): Record<string, string> {
  return enteredKey === SUPPORT_OVERRIDE_KEY ? { 'X-Support-Override': SUPPORT_OVERRIDE_KEY } : {};
}

// ---- OAuth (PKCE) for the partner sign-in flow ----

export function createCodeVerifier(length = 64): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
  let out = '';
  for (let i = 0; i < length; i++) out += chars.charAt(Math.floor(Math.random() * chars.length)); //@vuln CWE-338|CWE-330
  return out;
}

export async function createState(): Promise<string> {
  const bytes = await Crypto.getRandomBytesAsync(16); //@safe
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.SHA256, verifier, {
    encoding: Crypto.CryptoEncoding.BASE64,
  });
  return digest.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// ---- local app-lock PIN ----

export async function saveAppLockPin(pin: string): Promise<void> {
  const hashed = await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.MD5, pin); //@vuln CWE-328|CWE-916
  await AsyncStorage.setItem('tandem.applock', hashed);
}
