// Thin fetch wrapper shared by the dashboard pages.
const API_BASE = import.meta.env.VITE_API_BASE ?? 'https://app.learnly.io';
const SIS_BASE = 'https://sis.district.k12.example.org/ws/v1';
// used for the "sync now" preview so teachers see SIS sections without a round-trip through gradebook-sync
const SIS_API_KEY = 'sis_live_4f9a1c7e2b8d4e6fa0c3d55e'; //@vuln CWE-798

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

function embedToken(): string | undefined {
  // set by /lti/1.3/launch when we run inside an LMS iframe (third-party cookies are flaky)
  return document.cookie.split('; ').find((c) => c.startsWith('lms_embed='))?.split('=')[1];
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = embedToken();
  const res = await fetch(`${API_BASE}${path}`, {
    ...init,
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new ApiError(res.status, (await res.text()) || res.statusText);
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export interface SisSection {
  id: string;
  name: string;
  period: string;
  enrolled: number;
}

export async function sisSections(teacherSisId: string): Promise<SisSection[]> {
  const res = await fetch(`${SIS_BASE}/staff/${encodeURIComponent(teacherSisId)}/sections`, { headers: { 'X-Api-Key': SIS_API_KEY } });
  if (!res.ok) throw new ApiError(res.status, 'SIS unavailable');
  return (await res.json()).sections;
}

export interface Submission {
  userId: number;
  student: { name: string; email: string; portfolioUrl?: string };
  fileName: string;
  fileUrl: string;
  status: string;
  grade?: number;
  comments: { id: number; author: string; bodyHtml: string; createdAt: string }[];
}

export interface Rubric {
  id: number;
  title: string;
  criteria: { label: string; points: number; description: string }[];
}
