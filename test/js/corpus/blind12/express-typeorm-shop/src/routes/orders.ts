import { Router, Request, Response } from 'express';
import { AppDataSource } from '../data-source';
import { Order } from '../entities/Order';
import { AuditService } from '../services/audit.service';
import { mergeDefaults } from '../utils/merge';

const router = Router();
const audit = new AuditService();
const orders = () => AppDataSource.getRepository(Order);

async function findByStatus(status: string, customerId: number) {
  return orders()
    .createQueryBuilder('order')
    .where(`order.status = '${status}'`) //@vuln CWE-89
    .andWhere('order.customerId = :customerId', { customerId })
    .getMany();
}

async function findByReference(reference: string) {
  return orders()
    .createQueryBuilder('order')
    .where('order.reference = :reference', { reference }) //@safe
    .getOne();
}

function totalsSql(from: string, to: string, groupBy = 'day') {
  return `SELECT date_trunc('${groupBy}', created_at) AS bucket, sum(total) AS revenue
          FROM orders WHERE created_at BETWEEN '${from}' AND '${to}' GROUP BY 1 ORDER BY 1`;
}

router.get('/', async (req: Request, res: Response) => {
  const { status = 'paid', customerId } = req.query as Record<string, string>;
  res.json(await findByStatus(status, Number(customerId)));
});

router.get('/ref/:reference', async (req, res) => {
  const order = await findByReference(req.params.reference);
  return order ? res.json(order) : res.sendStatus(404);
});

router.get('/reports/revenue', async (req, res) => {
  const { from, to, groupBy } = req.query as Record<string, string>;
  const rows = await AppDataSource.manager.query(totalsSql(from, to, groupBy)); //@vuln CWE-89
  res.json(rows);
});

router.get('/reports/top-products', async (req, res) => {
  const limit = Math.min(Number(req.query.limit) || 10, 100);
  const rows = await AppDataSource.manager.query( //@safe
    'SELECT product_id, count(*) AS sold FROM order_items WHERE created_at > $1 GROUP BY product_id ORDER BY sold DESC LIMIT $2',
    [req.query.since ?? '1970-01-01', limit]
  );
  res.json(rows);
});

router.patch('/:id/meta', async (req, res) => {
  const order = await orders().findOneByOrFail({ id: Number(req.params.id) });
  order.meta = mergeDefaults(order.meta ?? {}, req.body); //@safe
  await orders().save(order);
  await audit.record(req.header('x-actor') ?? 'anonymous', `order.meta:${order.id}`);
  res.json(order);
});

router.get('/audit', async (req, res) => {
  const { actor, action } = req.query as Record<string, string>;
  res.json(actor ? await audit.byActor(actor) : await audit.byAction(action));
});

export default router;
