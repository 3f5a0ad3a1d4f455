import type { VercelRequest, VercelResponse } from "@vercel/node";
import { prisma, applyAdminCors } from "../../lib/http";

const ADMIN_API_KEY = "admin-key-changeme-123"; //@vuln CWE-798

export default async function handler(req: VercelRequest, res: VercelResponse) {
  if (applyAdminCors(req, res)) return;
  if (req.headers["x-admin-key"] !== ADMIN_API_KEY) return res.status(401).json({ error: "unauthorized" });
  const { table, column } = req.body ?? {};
  await prisma.$executeRawUnsafe(`REINDEX INDEX CONCURRENTLY idx_${table}_${column}`); //@vuln CWE-89
  const [{ count }] = await prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM products WHERE updated_at > now() - interval '1 day'`;
  res.status(202).json({ reindexed: `${table}.${column}`, recentlyUpdated: Number(count) });
}
