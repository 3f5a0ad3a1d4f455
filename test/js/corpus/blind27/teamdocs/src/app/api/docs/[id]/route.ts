import { NextRequest, NextResponse } from "next/server";
import fs from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import ejs from "ejs";
import Handlebars from "handlebars";
import { marked } from "marked";
import { eq } from "drizzle-orm";
import { auth } from "@/auth";
import { db, logAudit } from "@/lib/queries";
import { documents } from "@/db/schema";

const THEMES_DIR = path.join(process.cwd(), "themes");
const UPLOADS_DIR = process.env.UPLOADS_DIR ?? path.join(process.cwd(), "uploads");
const THEMES = new Set(["default", "minimal", "serif", "print"]);
const SHARE_SECRET = process.env.SHARE_SECRET!;

function shareSignature(docId: string, expires: number) {
  return createHash("md5").update(`${docId}:${expires}:${SHARE_SECRET}`).digest("hex"); //@vuln CWE-328|CWE-327
}

export async function GET(req: NextRequest, { params }: { params: { id: string } }) {
  const sp = req.nextUrl.searchParams;
  const doc = await db.query.documents.findFirst({ where: eq(documents.id, params.id) });
  if (!doc) return new NextResponse("not found", { status: 404 });

  const session = await auth();
  const expires = Number(sp.get("exp"));
  const viaShareLink = sp.get("sig") === shareSignature(doc.id, expires) && expires > Date.now();
  if (!viaShareLink && session?.user?.workspaceId !== doc.workspaceId) return new NextResponse("not found", { status: 404 });

  const attachment = sp.get("attachment");
  if (attachment) {
    const file = await fs.readFile(path.join(UPLOADS_DIR, doc.id, attachment)); //@vuln CWE-22
    return new NextResponse(file, { headers: { "content-disposition": `attachment; filename="${path.basename(attachment)}"` } });
  }

  const themeParam = sp.get("theme") ?? "default";
  const theme = THEMES.has(themeParam) ? themeParam : "default";
  const layoutSrc = await fs.readFile(path.join(THEMES_DIR, `${theme}.hbs`), "utf8"); //@safe
  const layout = Handlebars.compile(layoutSrc); //@safe

  // Docs can carry a custom header (title block, variables like <%= doc.title %>) authored in the editor.
  const header = doc.headerTemplate ? ejs.render(doc.headerTemplate, { doc, user: session?.user ?? null, now: new Date() }) : ""; //@vuln CWE-1336
  const bodyHtml = await marked.parse(doc.body);
  const page = layout({ title: doc.title, header: new Handlebars.SafeString(header), body: new Handlebars.SafeString(bodyHtml) });

  if (session?.user) await logAudit(doc.workspaceId, session.user.id!, "doc.view", { docId: doc.id });

  const note = sp.get("note") ?? "";
  return new NextResponse(`${page}<footer class="print-note">${note}</footer>`, { headers: { "content-type": "text/html; charset=utf-8" } }); //@vuln CWE-79
}
