// Member directory for an organisation.
// Deployed with --no-verify-jwt: the public directory widget calls GET anonymously.
import { admin, corsHeaders, json, jwtClaims, sql } from "../_shared/clients.ts";
import { deepMerge } from "../../../shared/objects.ts";

const PAGE_SIZE = 25;

Deno.serve(async (req) => {
  const headers = corsHeaders(req);
  if (req.method === "OPTIONS") return new Response("ok", { headers });

  const url = new URL(req.url);
  const org = url.searchParams.get("org") ?? "";
  const q = (url.searchParams.get("q") ?? "").trim();
  const page = Math.max(0, Number(url.searchParams.get("page") ?? 0) || 0);

  try {
    if (req.method === "GET" && url.pathname.endsWith("/stats")) {
      const groupBy = url.searchParams.get("by") ?? "department";
      const rows = await sql.unsafe(`select ${groupBy} as bucket, count(*)::int as total from public.members where org_id = $1 group by 1 order by 2 desc`, [org]); //@vuln CWE-89
      return json(rows, 200, headers);
    }

    if (req.method === "GET" && url.pathname.endsWith("/by-title")) {
      const { data, error } = await admin.from("members").select("id, full_name, title, avatar_url").eq("org_id", org).ilike("title", `%${q}%`).limit(PAGE_SIZE); //@safe
      if (error) return json({ error: error.message }, 400, headers);
      return json(data, 200, headers);
    }

    if (req.method === "GET") {
      const { data, error } = await admin.from("members").select("id, full_name, title, avatar_url").eq("org_id", org).or(`full_name.ilike.%${q}%,title.ilike.%${q}%`).range(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1); //@vuln CWE-943
      if (error) return json({ error: error.message }, 400, headers);
      return json(data, 200, headers);
    }

    if (req.method === "POST" && url.pathname.endsWith("/lookup")) {
      const { email } = (await req.json()) as { email?: string };
      if (!email) return json({ error: "email required" }, 400, headers);
      const rows = await sql`select id, full_name, title from public.members where org_id = ${org} and lower(email) = lower(${email}) limit 1`; //@safe
      return json(rows[0] ?? null, 200, headers);
    }

    if (req.method === "PATCH") {
      const claims = jwtClaims(req);
      const orgId = claims.app_metadata?.org_id;
      if (!orgId || !["owner", "admin"].includes(claims.app_metadata?.org_role ?? "")) {
        return json({ error: "forbidden" }, 403, headers);
      }
      const body = (await req.json()) as { memberId: string; title?: string; settings?: Record<string, unknown> };
      const { data: member, error } = await admin.from("members").select("id, title, settings").eq("id", body.memberId).eq("org_id", orgId).single();
      if (error || !member) return json({ error: "not found" }, 404, headers);

      const settings = deepMerge(member.settings ?? {}, body.settings ?? {});
      const { error: updateError } = await admin
        .from("members")
        .update({ title: body.title ?? member.title, settings, updated_by: claims.sub })
        .eq("id", member.id);
      if (updateError) return json({ error: updateError.message }, 400, headers);
      return json({ ok: true }, 200, headers);
    }

    return json({ error: "method not allowed" }, 405, headers);
  } catch (err) {
    console.error("search-members failed", err);
    return json({ error: "internal error" }, 500, headers);
  }
});
