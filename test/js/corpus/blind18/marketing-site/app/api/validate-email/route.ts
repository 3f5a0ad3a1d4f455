import { NextRequest, NextResponse } from 'next/server';

export async function POST(req: NextRequest) {
  const { email = '', domainPattern, strict } = await req.json();
  const value = String(email).slice(0, 254);
  const shapeOk = strict
    ? /^([a-zA-Z0-9_.+-]+)*@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/.test(value) //@vuln CWE-1333
    : /^[^\s@]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(value); //@safe
  const domain = value.split('@')[1] ?? '';
  const domainOk = domainPattern ? new RegExp(domainPattern, 'i').test(domain) : true; //@vuln CWE-1333
  return NextResponse.json({ valid: shapeOk && domainOk });
}
