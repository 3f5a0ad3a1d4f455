import type { NextApiRequest, NextApiResponse } from 'next';

const ALLOWED_HOSTS = new Set(['images.example.com', 'cdn.example.com']);

export default async function preview(req: NextApiRequest, res: NextApiResponse) {
  const target = req.query.url as string;
  const upstream = await fetch(target); //@vuln CWE-918
  const body = await upstream.text();
  res.setHeader('Content-Type', 'text/plain');
  res.status(200).send(body.slice(0, 200));
}

export async function safePreview(req: NextApiRequest, res: NextApiResponse) {
  const parsed = new URL(String(req.query.url));
  if (!ALLOWED_HOSTS.has(parsed.hostname)) {
    return res.status(400).json({ error: 'host not allowed' });
  }
  const upstream = await fetch(parsed.toString()); //@safe
  res.status(200).json({ size: (await upstream.arrayBuffer()).byteLength });
}

export async function userAvatar(req: NextApiRequest, res: NextApiResponse) {
  const id = encodeURIComponent(String(req.query.id));
  const r = await fetch(`https://api.example.com/users/${id}/avatar`); //@safe
  res.status(r.status).json(await r.json());
}
