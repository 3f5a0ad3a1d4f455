import { Router, Status } from "https://deno.land/x/oak@v12.6.1/mod.ts";
import { Client } from "https://deno.land/x/postgres@v0.17.0/mod.ts";
import { decode, verify } from "https://deno.land/x/djwt@v3.0.1/mod.ts";

const db = new Client(Deno.env.get("DATABASE_URL"));
await db.connect();

const secret = new TextEncoder().encode(Deno.env.get("JWT_SECRET") ?? "");
const jwtKey = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);

const HOST_RE = /^[a-zA-Z0-9.-]{1,253}$/;

type Profile = { id: string; email: string; warehouse: string };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function bearer(header: string | null): string {
  return (header ?? "").replace(/^Bearer\s+/i, "");
}

async function loadProfile(id: string): Promise<Profile | undefined> {
  const res = await db.queryObject<Profile>`SELECT id, email, warehouse FROM staff WHERE id = ${id}`;
  return res.rows[0];
}

export function registerHandlers(router: Router) {
  router.get("/inventory/:sku", async (ctx) => {
    const sku = ctx.params.sku;
    const result = await db.queryObject(`SELECT sku, name, qty, warehouse FROM inventory WHERE sku = '${sku}'`); //@vuln CWE-89
    if (!result.rows.length) ctx.throw(Status.NotFound, "unknown sku");
    ctx.response.body = result.rows[0];
  });

  router.get("/inventory", async (ctx) => {
    const warehouse = ctx.request.url.searchParams.get("warehouse") ?? "main";
    const result = await db.queryObject`SELECT sku, name, qty FROM inventory WHERE warehouse = ${warehouse} ORDER BY sku LIMIT 500`; //@safe
    ctx.response.body = result.rows;
  });

  router.post("/inventory/:sku/adjust", async (ctx) => {
    const { delta, reason } = await ctx.request.body({ type: "json" }).value;
    const sku = ctx.params.sku;
    await db.queryObject("UPDATE inventory SET qty = qty + $1 WHERE sku = $2", [Number(delta), sku]);
    await db.queryArray("INSERT INTO inventory_log (sku, delta, reason) VALUES ('" + sku + "', " + Number(delta) + ", '" + reason + "')"); //@vuln CWE-89
    ctx.response.status = Status.NoContent;
  });

  // Ops helpers for debugging supplier EDI endpoints.
  router.get("/tools/dig", async (ctx) => {
    const domain = ctx.request.url.searchParams.get("domain") ?? "";
    const cmd = new Deno.Command("sh", { args: ["-c", `dig +short ${domain}`], stdout: "piped", stderr: "piped" }); //@vuln CWE-78
    const { stdout } = await cmd.output();
    ctx.response.body = new TextDecoder().decode(stdout);
  });

  router.get("/tools/ping", async (ctx) => {
    const host = ctx.request.url.searchParams.get("host") ?? "";
    if (!HOST_RE.test(host) || host.startsWith("-")) ctx.throw(Status.BadRequest, "bad host");
    const cmd = new Deno.Command("ping", { args: ["-c", "3", host], stdout: "piped" }); //@safe
    const { stdout, code } = await cmd.output();
    ctx.response.body = { reachable: code === 0, output: new TextDecoder().decode(stdout) };
  });

  // Title preview for supplier links pasted into purchase orders.
  router.post("/link-preview", async (ctx) => {
    const { url } = await ctx.request.body({ type: "json" }).value;
    const res = await fetch(url, { redirect: "follow" }); //@vuln CWE-918
    const html = await res.text();
    const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? "";
    ctx.response.body = { url, title: title.trim() };
  });

  router.get("/welcome", (ctx) => {
    const name = ctx.request.url.searchParams.get("name") ?? "there";
    ctx.response.type = "text/html";
    ctx.response.body = `<!doctype html><html><body><h1>Welcome back, ${name}!</h1><a href="/app">Open inventory</a></body></html>`; //@vuln CWE-79
  });

  router.get("/alerts/unsubscribe", async (ctx) => {
    const email = ctx.request.url.searchParams.get("email") ?? "";
    await db.queryObject`UPDATE alert_subscriptions SET active = false WHERE email = ${email}`;
    ctx.response.type = "text/html";
    ctx.response.body = `<!doctype html><html><body><p>${escapeHtml(email)} will no longer receive stock alerts.</p></body></html>`; //@safe
  });

  // Mobile scanner app — it already validated the token with the IdP.
  router.get("/scanner/me", async (ctx) => {
    const [, payload] = decode(bearer(ctx.request.headers.get("authorization"))); //@vuln CWE-347
    const profile = await loadProfile(String((payload as { sub?: string }).sub));
    if (!profile) ctx.throw(Status.NotFound, "unknown staff member");
    ctx.response.body = profile;
  });

  router.get("/me", async (ctx) => {
    const payload = await verify(bearer(ctx.request.headers.get("authorization")), jwtKey); //@safe
    const profile = await loadProfile(String(payload.sub));
    if (!profile) ctx.throw(Status.NotFound, "unknown staff member");
    ctx.response.body = profile;
  });
}
