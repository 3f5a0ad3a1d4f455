import { NextResponse, type NextRequest } from "next/server";
import { jwtVerify } from "jose";

const STAFF_SECRET = new TextEncoder().encode(process.env.JWT_SECRET);
const ISSUER = "https://auth.harborline.com";

interface GuestSession {
  sub: string;
  email: string;
  exp?: number;
}

// Guest sessions are JWTs issued by the booking API
function readGuestSession(token: string | undefined): GuestSession | null {
  if (!token) return null;
  try {
    const [, payload] = token.split(".");
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as GuestSession;  //@vuln CWE-347
    if (claims.exp && claims.exp * 1000 < Date.now()) return null;
    return claims;
  } catch {
    return null;
  }
}

export async function middleware(req: NextRequest) {
  const { pathname, searchParams } = req.nextUrl;

  if (pathname.startsWith("/admin")) {
    const token = req.cookies.get("hl_staff")?.value;
    if (!token) {
      return NextResponse.redirect(new URL("/staff/login", req.url));
    }
    try {
      await jwtVerify(token, STAFF_SECRET, { algorithms: ["HS256"], issuer: ISSUER });  //@safe
      return NextResponse.next();
    } catch {
      return NextResponse.redirect(new URL("/staff/login", req.url));
    }
  }

  if (pathname.startsWith("/account")) {
    const guest = readGuestSession(req.cookies.get("hl_guest")?.value);
    if (!guest) {
      const login = new URL("/login", req.url);
      login.searchParams.set("returnTo", pathname);
      return NextResponse.redirect(login);
    }
    const headers = new Headers(req.headers);
    headers.set("x-guest-id", guest.sub);
    headers.set("x-guest-email", guest.email);
    return NextResponse.next({ request: { headers } });
  }

  // Short links used in partner newsletters: /go?u=/hotels/lisbon-riverside
  if (pathname === "/go") {
    const destination = searchParams.get("u") ?? "/";
    return NextResponse.redirect(new URL(destination, req.url));  //@vuln CWE-601
  }

  if (pathname === "/lang") {
    const locale = ["en", "fr", "de", "es"].includes(searchParams.get("l") ?? "") ? searchParams.get("l")! : "en";
    const res = NextResponse.redirect(new URL("/", req.url));
    res.cookies.set("hl_locale", locale, { path: "/", sameSite: "lax", maxAge: 31536000 });
    return res;
  }

  return NextResponse.next();
}

export const config = {
  matcher: ["/admin/:path*", "/account/:path*", "/go", "/lang"],
};
