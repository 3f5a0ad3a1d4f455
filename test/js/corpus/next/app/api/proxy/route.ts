import { NextRequest, NextResponse } from 'next/server';
import axios from 'axios';

export async function GET(request: NextRequest) {
  const endpoint = request.nextUrl.searchParams.get('endpoint');
  const { data } = await axios.get(endpoint!); //@vuln CWE-918
  return NextResponse.json(data);
}

export async function POST(request: NextRequest) {
  const body = await request.json();
  const response = await axios({ method: 'post', url: body.callbackUrl, data: { ok: true } }); //@vuln CWE-918
  return NextResponse.json({ status: response.status });
}

export async function PUT(request: NextRequest) {
  const returnTo = request.nextUrl.searchParams.get('returnTo') ?? '/';
  return NextResponse.redirect(new URL(returnTo, request.url)); //@vuln CWE-601
}

export async function DELETE(request: NextRequest) {
  const returnTo = request.nextUrl.searchParams.get('returnTo') ?? '/';
  if (!returnTo.startsWith('/') || returnTo.startsWith('//')) {
    return NextResponse.redirect(new URL('/', request.url));
  }
  return NextResponse.redirect(new URL(returnTo, request.url)); //@safe
}

export async function PATCH(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  return new NextResponse(`<html><body>You searched for ${q}</body></html>`, { headers: { 'content-type': 'text/html' } }); //@vuln CWE-79
}
