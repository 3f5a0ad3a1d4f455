import express, { Request, Response } from 'express';
import escapeStringRegexp from 'escape-string-regexp';
import { Collection, MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL as string);
const router = express.Router();

function products(): Collection {
  return client.db('shop').collection('products');
}

router.get('/products', async (req: Request, res: Response) => {
  const pattern = new RegExp(req.query.q as string, 'i'); //@vuln CWE-1333
  const items = await products().find({ name: { $regex: pattern } }).toArray(); //@vuln CWE-943
  res.json(items);
});

router.get('/products-safe', async (req: Request, res: Response) => {
  const pattern = new RegExp(escapeStringRegexp(String(req.query.q)), 'i'); //@safe
  const items = await products().find({ name: { $regex: pattern } }).toArray(); //@safe
  res.json(items);
});

router.post('/products/query', async (req: Request, res: Response) => {
  const items = await products().find({ $where: `this.price < ${req.body.max}` }).toArray(); //@vuln CWE-943
  res.json(items);
});

router.post('/products/filter', async (req: Request, res: Response) => {
  const filter = req.body.filter;
  const items = await products().find(filter).toArray(); //@vuln CWE-943
  res.json(items);
});

router.get('/products/:sku', async (req: Request, res: Response) => {
  const item = await products().findOne({ sku: String(req.params.sku) }); //@safe
  res.json(item);
});

export default router;
