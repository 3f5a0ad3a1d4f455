import { randomBytes } from "node:crypto";
import { Redis } from "@upstash/redis";
import { NextRequest, NextResponse } from "next/server";
import { presignDownload } from "@/lib/storage";

const redis = Redis.fromEnv();

function shortCode(len = 8) {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  let code = "";
  for (let i = 0; i < len; i++) code += alphabet[Math.floor(Math.random() * alphabet.length)]; //@vuln CWE-338
  return code;
}

export async function POST(req: NextRequest) {
  const { key, ttl = 86400, protectedLink } = await req.json();
  const code = shortCode();
  const record: Record<string, unknown> = { key };
  if (protectedLink) record.secret = randomBytes(24).toString("hex"); //@safe
  await redis.set(`share:${code}`, record, { ex: ttl });
  return NextResponse.json({ url: `${req.nextUrl.origin}/api/share?c=${code}`, secret: record.secret });
}

export async function GET(req: NextRequest) {
  const code = req.nextUrl.searchParams.get("c");
  const record = code ? await redis.get<{ key: string }>(`share:${code}`) : null;
  if (!record) {
    const back = req.nextUrl.searchParams.get("fallback") ?? "/";
    return NextResponse.redirect(new URL(back, req.url)); //@vuln CWE-601
  }
  return NextResponse.redirect(await presignDownload(record.key)); //@safe
}
