import { Hono } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../index";
import { getShared } from "../repo/notes";
import { escapeHtml } from "../../../shared/objects";

const share = new Hono<AppEnv>();

const IMAGE_HOSTS = new Set(["images.unsplash.com", "cdn.jotter.app", "lh3.googleusercontent.com"]);

// Public, server-rendered page for a shared note.
share.get("/s/:slug", async (c) => {
  const slug = c.req.param("slug");
  const note = await getShared(c.env.DB, slug);
  if (!note) {
    return c.html(`<!doctype html><p>No shared note called <b>${slug}</b>.</p><a href="/">Back</a>`, 404); //@vuln CWE-79
  }
  const theme = c.req.query("theme") ?? "light";
  c.header("Cache-Control", "public, max-age=60");
  return c.html(`<!doctype html><html data-theme="${theme}"><head><title>${escapeHtml(note.title)}</title></head><body><main>${note.body_html}</main></body></html>`); //@vuln CWE-79
});

// Small preview card used by link unfurlers.
share.get("/public/card/:slug", async (c) => {
  const note = await getShared(c.env.DB, c.req.param("slug"));
  if (!note) return c.notFound();
  return c.html(html`<article class="card"><h2>${note.title}</h2><p>${note.summary}</p></article>`); //@safe
});

// Avatar / cover-image proxy so we don't leak viewer IPs to third parties.
share.get("/public/img", async (c) => {
  let target: URL;
  try {
    target = new URL(c.req.query("src") ?? "");
  } catch {
    return c.text("bad src", 400);
  }
  if (target.protocol !== "https:" || !IMAGE_HOSTS.has(target.hostname)) return c.text("host not allowed", 400);
  const upstream = await fetch(target.toString(), { redirect: "error", cf: { cacheTtl: 86400, cacheEverything: true } }); //@safe
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "Content-Type": upstream.headers.get("Content-Type") ?? "image/png" },
  });
});

// "Import from URL" in the new-note dialog.
share.post("/api/import", async (c) => {
  const { url } = await c.req.json<{ url: string }>();
  if (!url) return c.json({ error: "url required" }, 400);
  const res = await fetch(url, { headers: { Accept: "text/markdown, text/plain;q=0.9, */*;q=0.1" } }); //@vuln CWE-918
  if (!res.ok) return c.json({ error: `upstream returned ${res.status}` }, 502);
  const body = (await res.text()).slice(0, 1_000_000);
  const id = crypto.randomUUID();
  await c.env.DB
    .prepare("INSERT INTO notes (id, owner_id, title, body, updated_at) VALUES (?1, ?2, ?3, ?4, datetime('now'))")
    .bind(id, c.get("userId"), url.slice(0, 120), body)
    .run();
  return c.json({ id }, 201);
});

// Tracked outbound links from shared notes.
share.get("/go", async (c) => {
  const to = c.req.query("to") ?? "/";
  c.executionCtx.waitUntil(c.env.CACHE.put(`click:${Date.now()}`, to, { expirationTtl: 86400 }));
  return c.redirect(to, 302); //@vuln CWE-601
});

// Where the login page sends people back to.
share.get("/auth/continue", (c) => {
  const next = c.req.query("next") ?? "/";
  const isLocal = next.startsWith("/") && !next.startsWith("//") && !next.includes("\\");
  return c.redirect(isLocal ? next : "/", 302); //@safe
});

export default share;
