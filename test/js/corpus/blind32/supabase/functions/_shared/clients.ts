// Shared setup for all edge functions: Supabase clients, direct Postgres, CORS, auth helpers.
import { createClient, type SupabaseClient, type User } from "npm:@supabase/supabase-js@2.45.0";
import postgres from "npm:postgres@3.4.4";

const SUPABASE_URL = Deno.env.get("SUPABASE_URL") ?? "https://qzjxkwlvbnrtdpmhyfcs.supabase.co";
const SERVICE_ROLE_KEY = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY") ?? "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF6anhrd2x2Ym5ydGRwbWh5ZmNzIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwNjc0NTYwMCwiZXhwIjoyMDIyMzIxNjAwfQ.Hk3vP9zQm2LwX8cR5tY7uJ1nB4dF6gS0aE2iO8pK3lM"; //@vuln CWE-798

export const admin: SupabaseClient = createClient(SUPABASE_URL, SERVICE_ROLE_KEY, {
  auth: { persistSession: false, autoRefreshToken: false },
});

// Direct connection for the reporting queries PostgREST can't express.
export const sql = postgres(Deno.env.get("SUPABASE_DB_URL")!, { prepare: false, max: 3, idle_timeout: 20 });

const ALLOWED_ORIGINS = ["https://app.jotter.app", "https://staging.jotter.app", "http://localhost:5173"];

// Used by the public directory widget, which is embedded on customer intranets.
export function corsHeaders(req: Request): Record<string, string> {
  const origin = req.headers.get("Origin") ?? "";
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", "Access-Control-Allow-Headers": "authorization, x-client-info, apikey, content-type", Vary: "Origin" }; //@vuln CWE-942
}

export function strictCorsHeaders(req: Request): Record<string, string> {
  const origin = req.headers.get("Origin") ?? "";
  return { "Access-Control-Allow-Origin": ALLOWED_ORIGINS.includes(origin) ? origin : ALLOWED_ORIGINS[0], "Access-Control-Allow-Credentials": "true", "Access-Control-Allow-Headers": "authorization, x-client-info, apikey, content-type", Vary: "Origin" }; //@safe
}

export interface JwtClaims {
  sub: string;
  email?: string;
  role?: string;
  app_metadata?: { org_id?: string; org_role?: "owner" | "admin" | "member" };
}

function bearer(req: Request): string {
  return (req.headers.get("Authorization") ?? "").replace(/^Bearer\s+/i, "");
}

// Cheap claim read for functions deployed with --no-verify-jwt (avoids a round-trip to GoTrue).
export function jwtClaims(req: Request): JwtClaims {
  const [, body = ""] = bearer(req).split(".");
  return JSON.parse(atob(body.replace(/-/g, "+").replace(/_/g, "/"))) as JwtClaims; //@vuln CWE-347
}

export async function requireUser(req: Request): Promise<User> {
  const { data, error } = await admin.auth.getUser(bearer(req));
  if (error || !data.user) {
    throw new Response(JSON.stringify({ error: "unauthorized" }), { status: 401, headers: { "Content-Type": "application/json" } });
  }
  return data.user;
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { ...headers, "Content-Type": "application/json" },
  });
}
