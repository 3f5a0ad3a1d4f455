// Inventory service (Deno + Oak). Run with:
//   deno run --allow-net --allow-env --allow-run=sh,ping,dig --allow-read=./static main.ts
import { Application, Router } from "https://deno.land/x/oak@v12.6.1/mod.ts";
import { registerHandlers } from "./handlers.ts";

const PORT = Number(Deno.env.get("PORT") ?? 8080);
const IDP_URL = Deno.env.get("IDP_URL") ?? "https://login.example-platform.com";
const EXIT_HOSTS = new Set(["docs.example-platform.com", "status.example-platform.com"]);

const app = new Application({ proxy: true, keys: [Deno.env.get("COOKIE_KEY") ?? crypto.randomUUID()] });
const router = new Router();

app.use(async (ctx, next) => {
  const started = performance.now();
  try {
    await next();
  } catch (err) {
    const e = err as { status?: number; message?: string };
    ctx.response.status = e.status ?? 500;
    ctx.response.body = { error: ctx.response.status < 500 ? e.message : "internal error" };
  }
  const ms = (performance.now() - started).toFixed(1);
  console.log(`${ctx.request.method} ${ctx.request.url.pathname} ${ctx.response.status} ${ms}ms`);
});

app.use(async (ctx, next) => {
  let sid = await ctx.cookies.get("inv_sid");
  if (!sid) {
    sid = crypto.randomUUID();
    await ctx.cookies.set("inv_sid", sid, { httpOnly: true, secure: true, sameSite: "strict", signed: true });
  }
  ctx.state.sid = sid;
  await next();
});

// OAuth code exchange for the inventory SPA.
router.post("/auth/exchange", async (ctx) => {
  const { code } = await ctx.request.body({ type: "json" }).value;
  const res = await fetch(`${IDP_URL}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "authorization_code", code: String(code), client_id: Deno.env.get("IDP_CLIENT_ID") ?? "" }),
  });
  if (!res.ok) ctx.throw(401, "code exchange failed");
  const { access_token: accessToken } = await res.json();
  // The SPA reads this cookie to build its Authorization header.
  await ctx.cookies.set("access_token", accessToken, { httpOnly: false, secure: true, sameSite: "lax", maxAge: 3600 }); //@vuln CWE-1004
  ctx.response.body = { ok: true };
});

// Used by the "continue" links in stock alert e-mails.
router.get("/go", (ctx) => {
  const to = ctx.request.url.searchParams.get("to") ?? "/";
  ctx.response.redirect(to); //@vuln CWE-601
});

router.get("/out", (ctx) => {
  const to = ctx.request.url.searchParams.get("to") ?? "";
  let target = "/";
  try {
    const u = new URL(to);
    if (u.protocol === "https:" && EXIT_HOSTS.has(u.hostname)) target = u.toString();
  } catch {
    // not an absolute URL; fall back to home
  }
  ctx.response.redirect(target); //@safe
});

registerHandlers(router);
app.use(router.routes());
app.use(router.allowedMethods());

console.log(`inventory service on :${PORT}`);
await app.listen({ port: PORT });
