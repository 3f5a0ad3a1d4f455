import { createCookieSessionStorage, redirect } from "@remix-run/node";

export const sessionStorage = createCookieSessionStorage({ //@vuln CWE-614|CWE-1004
  cookie: {
    name: "__blog_session",
    path: "/",
    sameSite: "lax",
    maxAge: 60 * 60 * 24 * 30,
    secrets: [process.env.SESSION_SECRET ?? "changeme-remix-session-secret"], //@vuln CWE-798
  },
});

export async function getUserId(request: Request) {
  const session = await sessionStorage.getSession(request.headers.get("Cookie"));
  return (session.get("userId") as string | undefined) ?? null;
}

export async function requireAdmin(request: Request) {
  const session = await sessionStorage.getSession(request.headers.get("Cookie"));
  if (session.get("role") !== "admin") throw redirect("/login");
  return session.get("userId") as string;
}

export function safeRedirect(to: FormDataEntryValue | string | null, fallback = "/") {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
