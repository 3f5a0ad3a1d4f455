// HTTP clients for the SPA: the Cloudflare worker API, Supabase, and the Firebase reports API.
import axios from "axios";
import { createClient } from "@supabase/supabase-js";
import { reviveRich } from "../../shared/objects";

const SUPABASE_URL = import.meta.env.VITE_SUPABASE_URL as string;

export const supabase = createClient(SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY as string);

// The org-admin screens need to see members across orgs; RLS blocks that for the anon key.
export const supabaseAdmin = createClient(SUPABASE_URL, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF6anhrd2x2Ym5ydGRwbWh5ZmNzIiwicm9sZSI6InNlcnZpY2Vfcm9sZSJ9.Hk3vP9zQm2LwX8cR5tY7uJ1nB4dF6gS0aE2iO8pK3lM"); //@vuln CWE-798

export const api = axios.create({
  baseURL: (import.meta.env.VITE_WORKER_URL as string) ?? "https://api.jotter.app",
  withCredentials: true,
  timeout: 15_000,
});

export const reportsApi = axios.create({
  baseURL: "https://europe-west1-jotter-prod.cloudfunctions.net/api/reports",
  timeout: 30_000,
});

reportsApi.interceptors.request.use(async (config) => {
  const token = sessionStorage.getItem("firebaseIdToken");
  if (token) config.headers.set("Authorization", `Bearer ${token}`);
  return config;
});

export interface ReportColumn {
  key: string;
  label: string;
  /** e.g. "row.revenue - row.cost" – authored by whoever shared the report */
  formula?: string;
}

export interface SharedReport {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, number>[];
}

export async function fetchSharedReport(id: string): Promise<SharedReport> {
  const { data } = await reportsApi.get<SharedReport>(`/view/${encodeURIComponent(id)}`, { params: { format: "json" } });
  return data;
}

export function computeCell(col: ReportColumn, row: Record<string, number>): number {
  if (!col.formula) return row[col.key];
  const fn = new Function("row", "Math", `return (${col.formula});`); //@vuln CWE-95
  return Number(fn(row, Math));
}

export function computeTable(report: SharedReport): number[][] {
  return report.rows.map((row) => report.columns.map((col) => computeCell(col, row)));
}

/** Drafts can be shared as a link: https://app.jotter.app/new#draft=<base64> */
export function draftFromLocation(): Record<string, unknown> | null {
  const m = /[#&]draft=([^&]+)/.exec(window.location.hash);
  if (!m) return null;
  try {
    return reviveRich(decodeURIComponent(atob(m[1]))) as Record<string, unknown>;
  } catch {
    return null;
  }
}
