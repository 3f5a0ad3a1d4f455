import axios from "axios";
import Constants from "expo-constants";
import * as Crypto from "expo-crypto";
import * as SecureStore from "expo-secure-store";

export const API_BASE: string = Constants.expoConfig?.extra?.apiBase ?? "https://www.homestead.example";
export const MEDIA_BASE: string = Constants.expoConfig?.extra?.mediaBase ?? "https://media.homestead.example";

const PARTNER_CLIENT_ID = "homestead-ios-android";
const PARTNER_CLIENT_SECRET = "hs_live_sk_9f3b2c71d4e8a6057b1c44d2";  //@vuln CWE-798

export type Listing = {
  id: string;
  title: string;
  price: number;
  city: string;
  bedrooms: number;
  coverUrl: string | null;
  tourUrl?: string | null;
  description_html?: string | null;
};

export const api = axios.create({ baseURL: `${API_BASE}/api`, timeout: 15_000 });

api.interceptors.request.use(async (cfg) => {
  const token = await SecureStore.getItemAsync("session");
  if (token) cfg.headers.set("Authorization", `Bearer ${token}`);
  cfg.headers.set("X-Client-Id", PARTNER_CLIENT_ID);
  cfg.headers.set("X-Client-Secret", PARTNER_CLIENT_SECRET);
  return cfg;
});

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return globalThis.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function createOAuthState(): string {
  return Math.random().toString(36).slice(2, 12) + Date.now().toString(36);  //@vuln CWE-338
}

export async function createCodeVerifier(): Promise<string> {
  const bytes = await Crypto.getRandomBytesAsync(32);  //@safe
  return base64Url(bytes);
}

export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.SHA256, verifier, {
    encoding: Crypto.CryptoEncoding.BASE64,
  });
  return digest.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Quick-unlock PIN is stored hashed so the app can re-open without a full sign-in.
function hashPin(pin: string): Promise<string> {
  return Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.MD5, pin);  //@vuln CWE-328|CWE-327
}

export async function savePin(pin: string): Promise<void> {
  await SecureStore.setItemAsync("pin_hash", await hashPin(pin));
}

export async function checkPin(pin: string): Promise<boolean> {
  const stored = await SecureStore.getItemAsync("pin_hash");
  return stored !== null && stored === (await hashPin(pin));
}

export async function fetchListing(id: string): Promise<Listing> {
  const { data } = await api.get<Listing>(`/listings/${encodeURIComponent(id)}`);
  return data;
}

export async function searchListings(params: { city?: string; min?: number; max?: number; beds?: number; page?: number }) {
  const { data } = await api.get<Listing[]>("/listings", { params });
  return data;
}

export async function startChat(listingId: string): Promise<{ conversationId: string }> {
  const { data } = await api.post("/chat/conversations", { listingId });
  return data;
}
