import { Router } from 'express';
import { CustomerRepository } from '../repositories/customer.repo';

const router = Router();
const customers = new CustomerRepository();

router.get('/', async (req, res) => {
  const { q, email } = req.query as { q?: string; email?: string };
  res.json(await customers.search({ q, email }));
});

router.get('/ltv', async (req, res) => {
  res.json(await customers.withLifetimeValue(String(req.query.currency || 'EUR')));
});

router.get('/recent', async (req, res) => {
  res.json(await customers.recent(parseInt(String(req.query.days), 10) || 7));
});

export default router;
