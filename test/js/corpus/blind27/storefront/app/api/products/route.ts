import { NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma, searchProducts, listProducts, bumpInventory } from "@/lib/db";
import { importRemoteImage, importFromCdn, contentHash } from "@/lib/storage";

export async function GET(req: NextRequest) {
  const sp = req.nextUrl.searchParams;
  const q = sp.get("q")?.trim();
  if (q) {
    const items = await searchProducts(q, sp.get("category") ?? undefined);
    return NextResponse.json({ items });
  }
  const items = await listProducts(sp.get("sort") ?? "created_at", sp.get("dir") ?? "desc", Number(sp.get("page") ?? 1));
  return NextResponse.json({ items, page: Number(sp.get("page") ?? 1) });
}

const createSchema = z.object({
  name: z.string().min(2).max(120),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  priceCents: z.number().int().positive(),
  descriptionHtml: z.string().max(20_000),
  category: z.string().max(40),
  imageUrl: z.string().url().optional(),
  cdnImageUrl: z.string().url().optional(),
});

async function requireAdmin() {
  const session = await getServerSession(authOptions);
  return (session?.user as { role?: string } | undefined)?.role === "admin";
}

export async function POST(req: NextRequest) {
  if (!(await requireAdmin())) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  const body = createSchema.parse(await req.json());
  const product = await prisma.product.create({
    data: { name: body.name, slug: body.slug, priceCents: body.priceCents, descriptionHtml: body.descriptionHtml, category: body.category },
  });
  let imageKey: string | null = null;
  if (body.imageUrl) {
    imageKey = await importRemoteImage(body.imageUrl, product.id);
  } else if (body.cdnImageUrl) {
    const buf = await importFromCdn(body.cdnImageUrl);
    imageKey = `products/${product.id}/${contentHash(buf)}.jpg`;
  }
  if (imageKey) await prisma.product.update({ where: { id: product.id }, data: { imageKey } });
  return NextResponse.json({ ...product, imageKey }, { status: 201 });
}

// Warehouse scanner app hits this with { sku, delta } after a stock count.
export async function PATCH(req: NextRequest) {
  const apiKey = req.headers.get("x-warehouse-key");
  if (!apiKey || apiKey !== process.env.WAREHOUSE_API_KEY) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const { sku, delta } = await req.json();
  await bumpInventory(String(sku), Number(delta) | 0);
  return NextResponse.json({ ok: true });
}
