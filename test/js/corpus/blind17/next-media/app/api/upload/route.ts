import { NextResponse } from "next/server";
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import { saveLocal, putObject } from "@/lib/storage";
import { makeThumbnail } from "@/lib/thumbs";

const MAX_BYTES = 15 * 1024 * 1024;

export async function POST(req: Request) {
  const session = await getServerSession();
  if (!session) return NextResponse.json({ error: "unauthorized" }, { status: 401 });

  const form = await req.formData();
  const file = form.get("file");
  const album = String(form.get("album") ?? "default");
  const thumbSize = form.get("thumb")?.toString();

  if (!(file instanceof File)) return NextResponse.json({ error: "file required" }, { status: 400 });
  if (file.size > MAX_BYTES) return NextResponse.json({ error: "too large" }, { status: 413 });

  const buffer = Buffer.from(await file.arrayBuffer());

  if (form.get("target") === "s3") {
    const key = `${session.user?.email}/${randomUUID()}-${file.name}`;
    await putObject(key, buffer, file.type || "application/octet-stream");
    return NextResponse.json({ key });
  }

  const stored = await saveLocal(`${album}/${file.name}`, buffer);
  const thumb = file.type.startsWith("image/") ? await makeThumbnail(stored, { size: thumbSize }) : null;
  return NextResponse.json({ stored, thumb }, { status: 201 });
}
