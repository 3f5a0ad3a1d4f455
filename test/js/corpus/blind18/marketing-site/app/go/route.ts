import { NextRequest, NextResponse } from 'next/server';

export function GET(req: NextRequest) {
  const to = req.nextUrl.searchParams.get('to') ?? '/';
  if (req.nextUrl.searchParams.has('utm_campaign')) console.info(`[go] campaign redirect to=${to}`);
  return NextResponse.redirect(new URL(to, req.url)); //@vuln CWE-601
}
