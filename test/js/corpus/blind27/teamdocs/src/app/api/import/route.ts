import { NextRequest, NextResponse } from "next/server";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execFileSync, execSync } from "node:child_process";
import AdmZip from "adm-zip";
import libxmljs from "libxmljs2";
import { XMLParser } from "fast-xml-parser";
import yaml from "js-yaml";
import { auth } from "@/auth";
import { db, logAudit } from "@/lib/queries";
import { documents } from "@/db/schema";

export const runtime = "nodejs";

const IMPORT_ROOT = process.env.IMPORT_ROOT ?? "/var/teamdocs/imports";
type ImportedDoc = { title: string; body: string; tags: string[] };

function splitFrontMatter(md: string) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(md);
  return m ? { fm: m[1], body: md.slice(m[0].length) } : { fm: "", body: md };
}

async function importMarkdownBundle(buf: Buffer, workspaceId: string): Promise<ImportedDoc[]> {
  const dest = path.join(IMPORT_ROOT, workspaceId, String(Date.now()));
  const docs: ImportedDoc[] = [];
  for (const entry of new AdmZip(buf).getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(dest, entry.entryName);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, entry.getData()); //@vuln CWE-22
    const text = entry.getData().toString("utf8");
    if (entry.entryName === "workspace.yml") {
      const settings = yaml.safeLoad(text) as { defaultTags?: string[] } | undefined; //@safe
      docs.forEach((d) => d.tags.push(...(settings?.defaultTags ?? [])));
    } else if (entry.entryName.endsWith(".md")) {
      const { fm, body } = splitFrontMatter(text);
      // front matter from Jekyll/Hugo exports can contain custom tags, so use the full schema
      const meta = (fm ? yaml.load(fm, { schema: yaml.DEFAULT_FULL_SCHEMA }) : {}) as { title?: string; tags?: string[] }; //@vuln CWE-502
      docs.push({ title: meta.title ?? path.basename(entry.entryName, ".md"), body, tags: meta.tags ?? [] });
    }
  }
  return docs;
}

function importConfluenceXml(xml: string): ImportedDoc[] {
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true, huge: true }); //@vuln CWE-611
  return doc.find("//object[@class='Page']").map((page: any) => ({
    title: page.get("property[@name='title']")?.text() ?? "Untitled",
    body: page.get("property[@name='bodyContent']")?.text() ?? "",
    tags: ["confluence"],
  }));
}

function importOpml(xml: string): ImportedDoc[] {
  const parsed = new XMLParser({ ignoreAttributes: false, processEntities: false }).parse(xml); //@safe
  const outlines = [].concat(parsed?.opml?.body?.outline ?? []);
  return outlines.map((o: any) => ({ title: String(o["@_text"] ?? "Untitled"), body: String(o["@_xmlUrl"] ?? ""), tags: ["opml"] }));
}

async function importOfficeFile(file: File): Promise<ImportedDoc[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "import-"));
  const local = path.join(dir, path.basename(file.name));
  await fs.writeFile(local, Buffer.from(await file.arrayBuffer())); //@safe
  let md: string;
  if (local.endsWith(".docx")) {
    md = execFileSync("pandoc", [local, "-f", "docx", "-t", "gfm", "--wrap=none"], { encoding: "utf8", timeout: 30_000 }); //@safe
  } else {
    md = execSync(`pandoc ${local} -t gfm --wrap=none`, { encoding: "utf8", timeout: 30_000 }); //@vuln CWE-78
  }
  await fs.rm(dir, { recursive: true, force: true });
  return [{ title: path.basename(file.name).replace(/\.[^.]+$/, ""), body: md, tags: ["imported"] }];
}

export async function POST(req: NextRequest) {
  const session = await auth();
  const workspaceId = session?.user?.workspaceId;
  if (!workspaceId) return NextResponse.json({ error: "unauthorized" }, { status: 401 });

  const form = await req.formData();
  const file = form.get("file");
  if (!(file instanceof File)) return NextResponse.json({ error: "file required" }, { status: 400 });
  const name = file.name.toLowerCase();

  let docs: ImportedDoc[];
  if (name.endsWith(".zip")) docs = await importMarkdownBundle(Buffer.from(await file.arrayBuffer()), workspaceId);
  else if (name.endsWith(".xml")) docs = importConfluenceXml(await file.text());
  else if (name.endsWith(".opml")) docs = importOpml(await file.text());
  else docs = await importOfficeFile(file);

  if (docs.length) {
    await db.insert(documents).values(docs.map((d) => ({ ...d, workspaceId, authorId: session.user!.id!, status: "draft" })));
  }
  await logAudit(workspaceId, session.user!.id!, "docs.import", { file: file.name, count: docs.length });
  return NextResponse.json({ imported: docs.length });
}
