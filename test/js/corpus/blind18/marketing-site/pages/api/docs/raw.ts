import type { NextApiRequest, NextApiResponse } from 'next';
import fs from 'fs';
import path from 'path';

const DOCS_ROOT = path.join(process.cwd(), 'content', 'docs');

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const file = path.join(DOCS_ROOT, String(req.query.path ?? 'index.md'));
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  fs.createReadStream(file).on('error', () => res.status(404).end()).pipe(res); //@vuln CWE-22
}
