import { NextRequest, NextResponse } from 'next/server';
import { connectMongo, Lead } from '@/lib/mongo';

export async function POST(req: NextRequest) {
  const { email, token } = await req.json();
  await connectMongo();
  const lead = await Lead.findOneAndUpdate({ email, unsubscribeToken: token }, { $set: { status: 'unsubscribed' } }); //@vuln CWE-943
  return NextResponse.json({ ok: Boolean(lead) });
}

export async function GET(req: NextRequest) {
  const email = req.nextUrl.searchParams.get('email') ?? '';
  const token = req.nextUrl.searchParams.get('t') ?? '';
  await connectMongo();
  const lead = await Lead.findOne({ email: String(email), unsubscribeToken: String(token) }).lean(); //@safe
  return NextResponse.json({ valid: Boolean(lead) });
}
