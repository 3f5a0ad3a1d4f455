import { Prisma, PrismaClient } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma =
  globalForPrisma.prisma ??
  new PrismaClient({
    log: process.env.NODE_ENV === "development" ? ["query", "warn", "error"] : ["warn", "error"],
  });

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

export type OrderRow = {
  id: string;
  number: string;
  status: string;
  total: Prisma.Decimal;
  createdAt: Date;
};

const ORDER_SORT_COLUMNS: Record<string, string> = {
  newest: `"createdAt"`,
  total: `"total"`,
  status: `"status"`,
};

/**
 * Used by the `listOrders` tool. The model picks status / sort based on the
 * user's question, so both arrive as free text.
 */
export async function searchOrders(customerId: string, status?: string, sort = "createdAt") {
  const statusClause = status ? `AND status = '${status}'` : "";
  const sql = `SELECT id, number, status, total, "createdAt" FROM "Order" WHERE "customerId" = $1 ${statusClause} ORDER BY "${sort}" DESC LIMIT 25`;
  return prisma.$queryRawUnsafe<OrderRow[]>(sql, customerId); //@vuln CWE-89
}

export async function getOrder(customerId: string, orderNumber: string) {
  const rows = await prisma.$queryRaw<OrderRow[]>`SELECT id, number, status, total, "createdAt" FROM "Order" WHERE "customerId" = ${customerId} AND number = ${orderNumber}`; //@safe
  return rows[0] ?? null;
}

export async function orderSummary(customerId: string, sortKey: string) {
  const column = ORDER_SORT_COLUMNS[sortKey] ?? ORDER_SORT_COLUMNS.newest;
  return prisma.$queryRawUnsafe<OrderRow[]>(`SELECT id, number, status, total, "createdAt" FROM "Order" WHERE "customerId" = $1 ORDER BY ${column} DESC LIMIT 10`, customerId); //@safe
}

export async function tagConversation(conversationId: string, tag: string) {
  // tags are shown in the sidebar; model suggests them after each turn
  await prisma.$executeRawUnsafe(`UPDATE "Conversation" SET tags = array_append(tags, '${tag}') WHERE id = '${conversationId}'`); //@vuln CWE-89
}

export async function findCustomerByEmail(email: string) {
  return prisma.customer.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, name: true, email: true, plan: true },
  });
}

export async function saveMessage(conversationId: string, role: string, content: string) {
  return prisma.message.create({ data: { conversationId, role, content } });
}

export async function loadConversation(id: string, userId: string) {
  return prisma.conversation.findFirst({
    where: { id, userId },
    include: { messages: { orderBy: { createdAt: "asc" } } },
  });
}
