import { NextRequest, NextResponse } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { readInvoice, readLocalMedia } from "@/lib/storage";

const MIME: Record<string, string> = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", pdf: "application/pdf" };

export async function GET(_req: NextRequest, { params }: { params: { path: string[] } }) {
  const [kind, ...rest] = params.path;

  if (kind === "invoices") {
    const session = await getServerSession(authOptions);
    const userId = (session?.user as { id?: string } | undefined)?.id;
    if (!userId) return new NextResponse("unauthorized", { status: 401 });
    const [orderId, file] = rest;
    const order = await prisma.order.findFirst({ where: { id: orderId, userId } });
    if (!order) return new NextResponse("not found", { status: 404 });
    const pdf = await readInvoice(orderId, file ?? "invoice.pdf");
    return new NextResponse(pdf, { headers: { "content-type": "application/pdf" } });
  }

  const rel = [kind, ...rest].join("/");
  try {
    const data = await readLocalMedia(rel);
    const ext = rel.split(".").pop()?.toLowerCase() ?? "";
    return new NextResponse(data, { headers: { "content-type": MIME[ext] ?? "application/octet-stream", "cache-control": "public, max-age=3600" } });
  } catch {
    return new NextResponse("not found", { status: 404 });
  }
}
