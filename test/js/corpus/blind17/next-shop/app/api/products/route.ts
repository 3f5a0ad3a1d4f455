import { NextRequest, NextResponse } from "next/server";
import { productsByCategory, searchProducts } from "@/lib/products";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const sp = req.nextUrl.searchParams;
  const term = sp.get("q")?.trim() ?? "";
  const sort = sp.get("sort") ?? undefined;
  const page = Number.parseInt(sp.get("page") ?? "1", 10) || 1;
  const category = sp.get("category");

  try {
    const items = category
      ? await productsByCategory(category)
      : await searchProducts({ term, sort, page });
    return NextResponse.json({ items, page });
  } catch (err) {
    console.error("product search failed", err);
    return NextResponse.json({ error: "search_failed" }, { status: 500 });
  }
}
