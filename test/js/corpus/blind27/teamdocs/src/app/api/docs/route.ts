import { NextRequest, NextResponse } from "next/server";
import { auth } from "@/auth";
import { docsSortedBy, docsWithTags, findDocs, fullTextSearch } from "@/lib/queries";

export async function GET(req: NextRequest) {
  const session = await auth();
  if (!session?.user?.workspaceId) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const ws = session.user.workspaceId;
  const sp = req.nextUrl.searchParams;

  if (sp.get("fts")) return NextResponse.json(await fullTextSearch(ws, sp.get("fts")!));
  if (sp.get("q")) return NextResponse.json(await findDocs(ws, sp.get("q")!));
  const tags = sp.getAll("tag").filter(Boolean);
  if (tags.length) return NextResponse.json(await docsWithTags(ws, tags));
  // e.g. ?sort=updated_at%20desc from the table header
  return NextResponse.json(await docsSortedBy(ws, sp.get("sort") ?? "updated_at desc"));
}
