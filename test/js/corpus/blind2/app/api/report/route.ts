import { NextRequest, NextResponse } from 'next/server';
import { execSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { db } from '@/lib/db';

export async function GET(request: NextRequest) {
  const name = request.nextUrl.searchParams.get('name') ?? '';
  const rows = await db.$queryRawUnsafe(`SELECT * FROM reports WHERE name = '${name}'`); //@vuln CWE-89
  return NextResponse.json(rows);
}

export async function POST(request: Request) {
  const body = await request.json();
  const out = execSync(`pdftotext ${body.file} -`); //@vuln CWE-78
  return new Response(out);
}

export async function PUT(request: NextRequest) {
  const { template } = await request.json();
  const text = await readFile(join(process.cwd(), 'templates', template), 'utf8'); //@vuln CWE-22
  return new Response(text);
}

export async function DELETE(request: NextRequest) {
  const id = Number(request.nextUrl.searchParams.get('id'));
  await db.$executeRawUnsafe(`DELETE FROM reports WHERE id = ${id}`); //@safe
  return NextResponse.json({ ok: true });
}

export async function PATCH(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to') ?? '/';
  if (!to.startsWith('/') || to.startsWith('//')) return NextResponse.json({ error: 'bad' }, { status: 400 });
  return NextResponse.redirect(new URL(to, request.url)); //@safe
}
