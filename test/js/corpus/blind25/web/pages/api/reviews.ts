import type { NextApiRequest, NextApiResponse } from 'next';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });

export interface Review {
  id: number;
  product_id: number;
  author: string;
  website: string | null;
  rating: number;
  body: string;
  created_at: string;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const productId = Number(req.query.productId);
    if (!Number.isInteger(productId)) return res.status(400).json({ error: 'productId required' });
    const order = String(req.query.order ?? 'created_at DESC');
    const { rows } = await pool.query<Review>(`SELECT * FROM reviews WHERE product_id = $1 ORDER BY ${order} LIMIT 50`, [productId]); //@vuln CWE-89
    return res.json(rows);
  }

  if (req.method === 'POST') {
    const { productId, author, website, rating, body } = req.body ?? {};
    const stars = Math.max(1, Math.min(5, Number(rating) || 0));
    const { rows } = await pool.query<Review>('INSERT INTO reviews (product_id, author, website, rating, body) VALUES ($1, $2, $3, $4, $5) RETURNING *', [Number(productId), String(author).slice(0, 80), website ? String(website) : null, stars, String(body).slice(0, 4000)]); //@safe
    return res.status(201).json(rows[0]);
  }

  res.setHeader('Allow', 'GET, POST');
  return res.status(405).end();
}
