import { NextRequest, NextResponse } from 'next/server';
import { connectMongo, Lead } from '@/lib/mongo';
import { getSession } from '@/lib/session';

export async function GET(req: NextRequest) {
  const session = await getSession(req);
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  await connectMongo();
  const filter = JSON.parse(req.nextUrl.searchParams.get('filter') ?? '{}');
  const leads = await Lead.find({ ...filter, ownerId: session.userId }).sort({ createdAt: -1 }).limit(50).lean(); //@vuln CWE-943
  return NextResponse.json(leads);
}
