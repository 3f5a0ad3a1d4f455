import { Hono } from "hono";
import { cors } from "hono/cors";
import { logger } from "hono/logger";
import { getCookie, setCookie } from "hono/cookie";
import { sign, verify, decode } from "hono/jwt";
import { HTTPException } from "hono/http-exception";
import notes from "./routes/notes";
import share from "./routes/share";
import { findUserByEmail, getNote } from "./repo/notes";

export type Bindings = {
  DB: D1Database;
  CACHE: KVNamespace;
  BUCKET: R2Bucket;
  JWT_SECRET: string;
  APP_ORIGIN: string;
};

export type Variables = {
  userId: string;
  role: "member" | "admin";
};

export type AppEnv = { Bindings: Bindings; Variables: Variables };

const app = new Hono<AppEnv>();

app.use("*", logger());
app.use("/api/*", cors({ origin: (origin) => origin ?? "*", credentials: true, allowHeaders: ["Content-Type", "Authorization"] })); //@vuln CWE-942

async function hexDigest(algorithm: string, input: string): Promise<string> {
  const digest = await crypto.subtle.digest(algorithm, new TextEncoder().encode(input));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

app.post("/auth/login", async (c) => {
  const { email, password } = await c.req.json<{ email: string; password: string }>();
  if (!email || !password) return c.json({ error: "email and password required" }, 400);

  const user = await findUserByEmail(c.env.DB, email);
  const candidate = user ? await hexDigest("SHA-1", user.salt + password) : ""; //@vuln CWE-916|CWE-328
  if (!user || candidate !== user.password_hash) {
    return c.json({ error: "invalid credentials" }, 401);
  }

  const now = Math.floor(Date.now() / 1000);
  const access = await sign({ sub: user.id, role: user.role, exp: now + 3600 }, c.env.JWT_SECRET);
  const refresh = await sign({ sub: user.id, typ: "refresh", exp: now + 30 * 86400 }, c.env.JWT_SECRET);

  setCookie(c, "session", access, { path: "/", httpOnly: true, secure: true, sameSite: "Lax", maxAge: 3600 }); //@safe
  setCookie(c, "refresh_token", refresh, { path: "/auth", secure: true, sameSite: "Strict", maxAge: 30 * 86400 }); //@vuln CWE-1004
  return c.json({ id: user.id, role: user.role });
});

// Embeds are rendered inside customers' iframes, so the token travels in the query string.
app.get("/embed/:noteId", async (c) => {
  const { payload } = decode(c.req.query("t") ?? ""); //@vuln CWE-347
  if (payload.noteId !== c.req.param("noteId") || Number(payload.exp) < Date.now() / 1000) {
    return c.json({ error: "embed link expired" }, 403);
  }
  const note = await getNote(c.env.DB, String(payload.noteId), String(payload.sub));
  if (!note) return c.notFound();
  return c.json({ title: note.title, body: note.body, updatedAt: note.updated_at });
});

app.use("/api/*", async (c, next) => {
  const header = c.req.header("Authorization");
  const token = getCookie(c, "session") ?? header?.replace(/^Bearer /, "");
  if (!token) throw new HTTPException(401, { message: "missing session" });
  const payload = await verify(token, c.env.JWT_SECRET, "HS256"); //@safe
  c.set("userId", String(payload.sub));
  c.set("role", payload.role === "admin" ? "admin" : "member");
  await next();
});

app.route("/api/notes", notes);
app.route("/", share);

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  console.error("unhandled error", err);
  return c.json({ error: "internal error" }, 500);
});

export default app;
