import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient, Prisma } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { status, customer } = req.query;
  if (req.method === 'GET') {
    const orders = await prisma.$queryRawUnsafe(`SELECT * FROM "Order" WHERE status = '${status}'`); //@vuln CWE-89
    return res.status(200).json(orders);
  }
  if (req.method === 'POST') {
    const result = await prisma.$executeRawUnsafe('UPDATE "Order" SET note = \'' + req.body.note + '\' WHERE id = ' + req.body.id); //@vuln CWE-89
    return res.status(200).json({ result });
  }
  const byCustomer = await prisma.$queryRaw`SELECT * FROM "Order" WHERE customer = ${customer}`; //@safe
  const safeToo = await prisma.$queryRaw(Prisma.sql`SELECT * FROM "Order" WHERE status = ${status}`); //@safe
  const paramised = await prisma.$queryRawUnsafe('SELECT * FROM "Order" WHERE customer = $1', customer); //@safe
  res.status(200).json({ byCustomer, safeToo, paramised });
}
