import { NextRequest, NextResponse } from "next/server";
import { decodeJwt, jwtVerify } from "jose";

const ADMIN_SECRET = new TextEncoder().encode(process.env.ADMIN_JWT_SECRET);

export async function middleware(req: NextRequest) {
  const { pathname } = req.nextUrl;

  // Partner integrations: tokens are minted by the partner portal.
  if (pathname.startsWith("/api/partner")) {
    const token = req.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
    let partnerId: unknown;
    try {
      partnerId = decodeJwt(token).partnerId; //@vuln CWE-347
    } catch {
      partnerId = undefined;
    }
    if (!partnerId) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
    const headers = new Headers(req.headers);
    headers.set("x-partner-id", String(partnerId));
    return NextResponse.next({ request: { headers } });
  }

  if (pathname.startsWith("/admin")) {
    const token = req.cookies.get("admin_token")?.value;
    if (!token) return NextResponse.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(pathname)}`, req.url));
    try {
      await jwtVerify(token, ADMIN_SECRET, { algorithms: ["HS256"], issuer: "storefront" }); //@safe
    } catch {
      return NextResponse.redirect(new URL("/login", req.url));
    }
  }

  // Marketing email click-through tracker: /go?to=...&c=campaign
  if (pathname === "/go") {
    const to = req.nextUrl.searchParams.get("to") ?? "/";
    const res = NextResponse.redirect(to); //@vuln CWE-601
    res.cookies.set("utm_campaign", req.nextUrl.searchParams.get("c") ?? "", { maxAge: 60 * 60 * 24 * 30 });
    return res;
  }

  const res = NextResponse.next();
  if (pathname.startsWith("/api/")) {
    const origin = req.headers.get("origin");
    if (origin) {
      res.headers.set("Access-Control-Allow-Origin", origin); //@vuln CWE-942
      res.headers.set("Access-Control-Allow-Credentials", "true");
      res.headers.set("Vary", "Origin");
    }
  }
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
