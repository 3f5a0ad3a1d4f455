import { NextResponse, type NextRequest } from "next/server";
import { decodeJwt, jwtVerify } from "jose";

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

function toLogin(req: NextRequest) {
  const url = new URL("/login", req.url);
  url.searchParams.set("returnTo", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export async function middleware(req: NextRequest) {
  const { pathname, searchParams } = req.nextUrl;
  const token = req.cookies.get("session")?.value;

  // Partner brokerages embed our listing cards and call the embed API with the visitor's session.
  if (pathname.startsWith("/api/embed")) {
    const origin = req.headers.get("origin");
    const res = req.method === "OPTIONS" ? new NextResponse(null, { status: 204 }) : NextResponse.next();
    if (origin) {
      res.headers.set("Access-Control-Allow-Origin", origin);  //@vuln CWE-942
      res.headers.set("Access-Control-Allow-Credentials", "true");
      res.headers.set("Access-Control-Allow-Methods", "GET, OPTIONS");
      res.headers.set("Vary", "Origin");
    }
    return res;
  }

  if (pathname.startsWith("/agent")) {
    if (!token) return toLogin(req);
    const claims = decodeJwt(token);  //@vuln CWE-347
    if (claims.role !== "agent" && claims.role !== "admin") {
      return NextResponse.redirect(new URL("/", req.url));
    }
    const res = NextResponse.next();
    res.headers.set("x-agent-id", String(claims.sub ?? ""));
    return res;
  }

  if (pathname.startsWith("/admin")) {
    if (!token) return toLogin(req);
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });  //@safe
      if (payload.role !== "admin") return NextResponse.redirect(new URL("/", req.url));
    } catch {
      return toLogin(req);
    }
    return NextResponse.next();
  }

  // Links in listing-alert emails: /go?to=/listings/abc123&utm_campaign=price_drop
  if (pathname === "/go") {
    const target = searchParams.get("to") ?? "/";
    const res = NextResponse.redirect(new URL(target, req.url));  //@vuln CWE-601
    const campaign = searchParams.get("utm_campaign");
    if (campaign) {
      res.cookies.set("alert_campaign", campaign.slice(0, 64), { httpOnly: true, secure: true, sameSite: "lax" });
    }
    return res;
  }

  return NextResponse.next();
}

export const config = {
  matcher: ["/agent/:path*", "/admin/:path*", "/api/embed/:path*", "/go"],
};
