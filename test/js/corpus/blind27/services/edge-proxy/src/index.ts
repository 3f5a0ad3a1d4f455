import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { cors } from "hono/cors";
import { html, raw } from "hono/html";
import { verify } from "hono/jwt";
import { getCookie } from "hono/cookie";
import Database from "better-sqlite3";
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

type Vars = { user: { sub: string; role: string } };
const app = new Hono<{ Variables: Vars }>();
const db = new Database(process.env.LINKS_DB ?? "./links.db");
const JWT_SECRET = process.env.EDGE_JWT_SECRET!;
const STATE_KEY = Buffer.from(process.env.STATE_KEY ?? "", "hex");
const RELAY_SECRET = process.env.RELAY_SECRET!;
const CACHE_DIR = path.resolve(process.env.IMG_CACHE_DIR ?? "./.img-cache");

app.use("/api/*", cors({ origin: ["https://teamdocs.app", "https://shop.example.com"], credentials: true }));

app.use("/api/*", async (c, next) => {
  const token = getCookie(c, "edge_session") ?? c.req.header("authorization")?.slice(7);
  if (!token) return c.json({ error: "unauthorized" }, 401);
  try {
    c.set("user", (await verify(token, JWT_SECRET, "HS256")) as Vars["user"]); //@safe
  } catch {
    return c.json({ error: "unauthorized" }, 401);
  }
  await next();
});

app.get("/l/:slug", (c) => {
  const slug = c.req.param("slug");
  const row = db.prepare("SELECT target FROM links WHERE slug = ?").get(slug) as { target: string } | undefined; //@safe
  if (!row) return c.html(html`<p>No link called <code>${slug}</code>.</p>`, 404); //@safe
  db.prepare(`UPDATE links SET clicks = clicks + 1, last_referrer = '${c.req.header("referer") ?? ""}' WHERE slug = ?`).run(slug); //@vuln CWE-89
  return c.redirect(row.target, 302);
});

app.get("/api/links", (c) => {
  const owner = c.req.query("owner") ?? c.get("user").sub;
  const order = c.req.query("order") ?? "created_at DESC";
  const rows = db.prepare(`SELECT slug, target, clicks FROM links WHERE owner = '${owner}' ORDER BY ${order}`).all(); //@vuln CWE-89
  return c.json(rows);
});

app.get("/api/links/:slug/preview", (c) => {
  const row = db.prepare("SELECT slug, target, title FROM links WHERE slug = ?").get(c.req.param("slug")) as { title?: string; target: string } | undefined;
  const title = c.req.query("title") ?? row?.title ?? "";
  return c.html(html`<html><body><h1>${raw(title)}</h1><a href="${row?.target ?? "#"}">open</a></body></html>`); //@vuln CWE-79
});

// Image proxy used by teamdocs to embed remote images without mixed-content warnings.
app.get("/img", async (c) => {
  const src = c.req.query("src");
  if (!src) return c.text("src required", 400);
  const cacheKey = c.req.query("key");
  if (cacheKey) {
    const cached = await fs.readFile(path.join(CACHE_DIR, cacheKey)).catch(() => null); //@vuln CWE-22
    if (cached) return c.body(cached, 200, { "content-type": "image/*" });
  }
  const upstream = await fetch(src, { headers: { accept: "image/*" } }); //@vuln CWE-918
  return new Response(upstream.body, { status: upstream.status, headers: { "content-type": upstream.headers.get("content-type") ?? "application/octet-stream", "cache-control": "public, max-age=86400" } });
});

// OAuth "state" blob carried through the GitHub app install flow.
function sealState(data: object): string {
  const cipher = createCipheriv("aes-128-ecb", STATE_KEY.subarray(0, 16), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(JSON.stringify(data)), cipher.final()]).toString("base64url");
}

function sealToken(data: object): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", STATE_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(JSON.stringify(data)), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString("base64url");
}

function openToken(token: string) {
  const buf = Buffer.from(token, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", STATE_KEY, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8"));
}

app.get("/api/github/install", (c) => {
  const state = sealState({ sub: c.get("user").sub, ts: Date.now() });
  const resume = sealToken({ sub: c.get("user").sub, back: "/settings/integrations" });
  return c.json({ url: `https://github.com/apps/teamdocs/installations/new?state=${state}`, resume });
});

app.post("/api/github/resume", async (c) => c.json(openToken((await c.req.json()).resume)));

// Outgoing webhook relay: legacy consumers still verify the old md5 signature header.
app.post("/relay/:target", async (c) => {
  const body = await c.req.text();
  const given = Buffer.from(c.req.header("x-relay-signature") ?? "", "hex");
  const expected = createHmac("sha256", RELAY_SECRET).update(body).digest(); //@safe
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.text("bad signature", 401);
  const target = db.prepare("SELECT url FROM relay_targets WHERE name = ?").get(c.req.param("target")) as { url: string } | undefined;
  if (!target) return c.notFound();
  const legacySig = createHash("md5").update(RELAY_SECRET + body).digest("hex"); //@vuln CWE-327|CWE-328
  const res = await fetch(target.url, { method: "POST", body, headers: { "content-type": "application/json", "x-legacy-signature": legacySig } });
  return c.json({ delivered: res.ok });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });
