import path from "node:path";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { NextRequest, NextResponse } from "next/server";
import { UPLOAD_ROOT, resolveInsideRoot } from "@/lib/storage";

const MIME: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".pdf": "application/pdf" };

export async function GET(req: NextRequest, { params }: { params: { path: string[] } }) {
  const rel = params.path.join("/");

  if (req.nextUrl.searchParams.has("raw")) {
    const full = path.join(UPLOAD_ROOT, decodeURIComponent(rel));
    const info = await stat(full).catch(() => null);
    if (!info?.isFile()) return new NextResponse("Not found", { status: 404 });
    const stream = createReadStream(full); //@vuln CWE-22
    return new NextResponse(Readable.toWeb(stream) as ReadableStream, {
      headers: { "Content-Length": String(info.size) },
    });
  }

  let full: string;
  try {
    full = resolveInsideRoot(rel);
  } catch {
    return new NextResponse("Bad path", { status: 400 });
  }
  const data = await readFile(full); //@safe
  return new NextResponse(data, {
    headers: { "Content-Type": MIME[path.extname(full)] ?? "application/octet-stream" },
  });
}
