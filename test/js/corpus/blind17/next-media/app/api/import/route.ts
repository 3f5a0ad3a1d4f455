import path from "node:path";
import os from "node:os";
import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import AdmZip from "adm-zip";
import { NextResponse } from "next/server";
import { UPLOAD_ROOT } from "@/lib/storage";

function extractZip(buffer: Buffer, destination: string) {
  const zip = new AdmZip(buffer);
  const written: string[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const out = path.join(destination, entry.entryName);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, entry.getData()); //@vuln CWE-22
    written.push(out);
  }
  return written;
}

function extractTarball(archiveName: string, buffer: Buffer, destination: string) {
  const tmp = path.join(os.tmpdir(), `${Date.now()}-${path.basename(archiveName)}`);
  writeFileSync(tmp, buffer);
  execSync(`tar -xzf ${tmp} -C ${destination}`, { stdio: "ignore" }); //@vuln CWE-78
}

export async function POST(req: Request) {
  const form = await req.formData();
  const archive = form.get("archive") as File | null;
  if (!archive) return NextResponse.json({ error: "archive required" }, { status: 400 });

  const destination = path.join(UPLOAD_ROOT, "imports", Date.now().toString());
  mkdirSync(destination, { recursive: true });
  const buffer = Buffer.from(await archive.arrayBuffer());

  if (archive.name.endsWith(".zip")) {
    const files = extractZip(buffer, destination);
    return NextResponse.json({ count: files.length });
  }
  extractTarball(archive.name, buffer, destination);
  return NextResponse.json({ ok: true });
}
