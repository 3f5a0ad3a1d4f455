import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

const PUBLIC_PREFIXES = ["/login", "/search", "/api/auth", "/api/products", "/_next"];

export async function middleware(req: NextRequest) {
  const { pathname, searchParams } = req.nextUrl;
  const origin = req.headers.get("origin");

  if (pathname.startsWith("/api/")) {
    const res = NextResponse.next();
    if (origin) {
      res.headers.set("Access-Control-Allow-Origin", origin); //@vuln CWE-942
      res.headers.set("Access-Control-Allow-Credentials", "true");
      res.headers.set("Vary", "Origin");
    }
    return res;
  }

  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });

  if (pathname === "/login" && token) {
    const next = searchParams.get("next") ?? "/account";
    return NextResponse.redirect(new URL(next, req.url)); //@vuln CWE-601
  }

  if (!token && !PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) {
    const login = new URL("/login", req.url);
    login.searchParams.set("next", pathname);
    return NextResponse.redirect(login); //@safe
  }

  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
