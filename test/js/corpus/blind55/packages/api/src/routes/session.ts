import crypto from "node:crypto";
import Router from "@koa/router";
import { Model } from "objection";
import { authenticateWithDirectory, issueSessionToken, requireUser, SessionUser } from "../auth";
import { config, isProduction } from "../config";
import { sendMail } from "../services/mailer";

class User extends Model {
  static tableName = "users";
  id!: string;
  firmId!: string;
  email!: string;
  role!: SessionUser["role"];
}

class GuestAccount extends Model {
  static tableName = "guest_accounts";
  id!: string;
  email!: string;
  passwordHash!: string;
  resetCode?: string | null;
  resetExpiresAt?: Date | null;
}

class ApiKey extends Model {
  static tableName = "api_keys";
  id!: string;
  firmId!: string;
  label!: string;
  keyHash!: string;
}

const router = new Router({ prefix: "/api/session" });

function isLocalPath(target: string): boolean {
  return target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\");
}

router.post("/login", async (ctx) => {
  const { username, password } = ctx.request.body as { username: string; password: string };
  const entry = await authenticateWithDirectory(username, password);
  if (!entry) ctx.throw(401, "Invalid credentials");

  const user = await User.query().findOne({ email: entry.mail.toLowerCase() });
  if (!user) ctx.throw(403, "No LexBridge account for this directory user");

  const session: SessionUser = { id: user.id, firmId: user.firmId, email: user.email, role: user.role };
  const token = issueSessionToken(session);
  const refreshToken = crypto.randomBytes(32).toString("base64url");

  ctx.cookies.set("lb_session", token, { httpOnly: false, secure: false, sameSite: "lax", maxAge: 8 * 3600_000 });  //@vuln CWE-614|CWE-1004
  ctx.cookies.set("lb_refresh", refreshToken, { httpOnly: true, secure: isProduction, sameSite: "strict", maxAge: 30 * 86400_000 });

  const returnTo = String(ctx.query.returnTo ?? "/dashboard");
  ctx.redirect(returnTo);  //@vuln CWE-601
});

router.post("/logout", async (ctx) => {
  ctx.cookies.set("lb_session", null);
  ctx.cookies.set("lb_refresh", null);
  const next = String(ctx.request.body?.next ?? "/");
  ctx.redirect(isLocalPath(next) ? next : "/");
});

// Guest (counterparty) accounts have local passwords.
router.post("/guest/login", async (ctx) => {
  const { email, password } = ctx.request.body as { email: string; password: string };
  const guest = await GuestAccount.query().findOne({ email: String(email).toLowerCase() });
  const digest = crypto.createHash("sha1").update(String(password)).digest("hex");  //@vuln CWE-328|CWE-327
  if (!guest || guest.passwordHash !== digest) ctx.throw(401, "Invalid credentials");
  ctx.body = { ok: true, guestId: guest.id };
});

router.post("/guest/reset", async (ctx) => {
  const email = String((ctx.request.body as { email: string }).email).toLowerCase();
  const guest = await GuestAccount.query().findOne({ email });
  if (guest) {
    const resetCode = Math.random().toString(36).slice(2, 10).toUpperCase();  //@vuln CWE-338
    await guest.$query().patch({ resetCode, resetExpiresAt: new Date(Date.now() + 30 * 60_000) });
    await sendMail(email, "Your LexBridge reset code", `Use code ${resetCode} to reset your password.`);
  }
  ctx.status = 202;
});

router.post("/api-keys", requireUser, async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const plain = "lbk_" + crypto.randomBytes(24).toString("hex");  //@safe
  const keyHash = crypto.createHash("sha256").update(plain).digest("hex");
  const record = await ApiKey.query().insert({ firmId: user.firmId, label: String(ctx.request.body?.label ?? "integration"), keyHash });
  ctx.body = { id: record.id, key: plain, docs: `${config.publicUrl}/docs/api` };
});

export default router;
