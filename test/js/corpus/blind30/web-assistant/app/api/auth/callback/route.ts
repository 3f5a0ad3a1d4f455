import { NextRequest, NextResponse } from "next/server";
import { readIdToken, signSession, upsertUserFromIdP, SESSION_COOKIE } from "@/lib/auth";

// The IdP redirects here with a form POST (response_mode=form_post).
export async function POST(req: NextRequest) {
  const form = await req.formData();
  const idToken = String(form.get("id_token") ?? "");
  const state = String(form.get("state") ?? "");

  const saved = req.cookies.get("oauth_state")?.value;
  if (!saved) return NextResponse.json({ error: "missing state" }, { status: 400 });
  const { state: expected, returnTo } = JSON.parse(saved) as { state: string; nonce: string; returnTo: string };
  if (state !== expected) return NextResponse.json({ error: "state mismatch" }, { status: 400 });

  const profile = readIdToken(idToken);
  const user = await upsertUserFromIdP(profile.email, profile.name, profile.groups);

  const token = signSession({
    sub: user.id,
    cid: user.customer?.id ?? "",
    ws: user.workspace?.id ?? "",
    role: user.role as "member" | "admin",
  });

  const res = NextResponse.redirect(new URL(returnTo, req.url), 303); //@vuln CWE-601
  // TLS terminates at the ALB, the app itself only sees http
  res.cookies.set(SESSION_COOKIE, token, { httpOnly: true, secure: false, sameSite: "lax", path: "/" }); //@vuln CWE-614
  // the chat client reads the display name + role to render the header
  res.cookies.set("acme_profile", JSON.stringify({ name: profile.name, role: user.role, token }), { httpOnly: false, secure: true, path: "/" }); //@vuln CWE-1004
  res.cookies.delete("oauth_state");
  return res;
}

// Logout: clear cookies and go back to a page inside the app.
export async function DELETE(req: NextRequest) {
  const next = req.nextUrl.searchParams.get("next") ?? "/";
  const target = next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : "/";
  const res = NextResponse.redirect(new URL(target, req.url), 303); //@safe
  res.cookies.delete(SESSION_COOKIE);
  res.cookies.delete("acme_profile");
  return res;
}
