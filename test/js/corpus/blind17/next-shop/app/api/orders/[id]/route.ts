import { db, sql } from "@vercel/postgres";
import { NextResponse } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";

type Ctx = { params: { id: string } };

async function requireEmail() {
  const session = await getServerSession(authOptions);
  return session?.user?.email ?? null;
}

export async function GET(_req: Request, { params }: Ctx) {
  const email = await requireEmail();
  if (!email) return NextResponse.json({ error: "unauthorized" }, { status: 401 });

  const { rows } = await sql`SELECT id, status, total_cents, created_at FROM orders WHERE id = ${params.id} AND customer_email = ${email}`; //@safe
  if (rows.length === 0) return NextResponse.json({ error: "not_found" }, { status: 404 });
  return NextResponse.json(rows[0]);
}

export async function PATCH(req: Request, { params }: Ctx) {
  const email = await requireEmail();
  if (!email) return NextResponse.json({ error: "unauthorized" }, { status: 401 });

  const { status, note } = (await req.json()) as { status: string; note?: string };
  const client = await db.connect();
  try {
    const result = await client.query( //@vuln CWE-89
      `UPDATE orders SET status = '${status}', note = $1, updated_at = now()
        WHERE id = $2 AND customer_email = $3 RETURNING id, status`,
      [note ?? null, params.id, email]
    );
    return NextResponse.json(result.rows[0] ?? null);
  } finally {
    client.release();
  }
}
