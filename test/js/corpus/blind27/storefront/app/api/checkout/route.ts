import { NextRequest, NextResponse } from "next/server";
import Stripe from "stripe";
import { z } from "zod";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY || "sk_live_51NcQ2hKx8vTqL0bYw3ZrP9mJ4sUe7dGf2aH6kR1nC5oXyB8iV0tWlQ3pE9uM7jD", { apiVersion: "2023-10-16" }); //@vuln CWE-798

const APP_URL = process.env.NEXT_PUBLIC_APP_URL ?? "http://localhost:3000";

const checkoutSchema = z.object({
  items: z.array(z.object({ productId: z.string().cuid(), qty: z.number().int().min(1).max(20) })).min(1).max(50),
  returnTo: z.string().max(200).optional(),
});

export async function POST(req: NextRequest) {
  const session = await getServerSession(authOptions);
  const body = checkoutSchema.parse(await req.json());
  const products = await prisma.product.findMany({ where: { id: { in: body.items.map((i) => i.productId) } } });

  const line_items = body.items.map((i) => {
    const p = products.find((x) => x.id === i.productId);
    if (!p) throw new Error(`unknown product ${i.productId}`);
    return { quantity: i.qty, price_data: { currency: "usd", unit_amount: p.priceCents, product_data: { name: p.name } } };
  });

  const returnPath = body.returnTo?.startsWith("/") && !body.returnTo.startsWith("//") ? body.returnTo : "/orders";
  const checkout = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items,
    customer_email: session?.user?.email ?? undefined,
    success_url: `${APP_URL}/api/checkout?session_id={CHECKOUT_SESSION_ID}&next=${encodeURIComponent(returnPath)}`,
    cancel_url: `${APP_URL}/cart`,
    metadata: { userId: (session?.user as { id?: string } | undefined)?.id ?? "guest" },
  });

  await prisma.order.create({
    data: {
      stripeSessionId: checkout.id,
      email: session?.user?.email ?? "",
      status: "PENDING",
      totalCents: line_items.reduce((s, li) => s + li.quantity * li.price_data.unit_amount, 0),
    },
  });
  return NextResponse.json({ url: checkout.url });
}

// Stripe sends the shopper back here; we mark the order and bounce them on.
export async function GET(req: NextRequest) {
  const sessionId = req.nextUrl.searchParams.get("session_id");
  const next = req.nextUrl.searchParams.get("next") ?? "/orders";
  if (sessionId) {
    const cs = await stripe.checkout.sessions.retrieve(sessionId);
    if (cs.payment_status === "paid") {
      await prisma.order.updateMany({ where: { stripeSessionId: cs.id }, data: { status: "PAID" } });
    }
  }
  return NextResponse.redirect(new URL(next, req.url)); //@vuln CWE-601
}
