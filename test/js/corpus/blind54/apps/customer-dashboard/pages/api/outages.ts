import type { NextApiRequest, NextApiResponse } from 'next';
import { QueryTypes, Sequelize } from 'sequelize';

const outageDb = new Sequelize(process.env.OUTAGE_DATABASE_URL as string, { logging: false });

const BASEMAP_HOSTS = new Set(['tiles.gridpulse.net', 'a.tile.openstreetmap.org', 'b.tile.openstreetmap.org']);

interface OutageRow {
  id: number;
  postcode: string;
  status: string;
  eta: string | null;
}

async function pipeImage(upstream: Response, res: NextApiResponse) {
  if (!upstream.ok) return res.status(502).end();
  res.setHeader('Content-Type', upstream.headers.get('content-type') ?? 'image/png');
  res.setHeader('Cache-Control', 'public, max-age=300');
  return res.send(Buffer.from(await upstream.arrayBuffer()));
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const action = String(req.query.action ?? 'list');

  if (action === 'list') {
    const postcode = String(req.query.postcode ?? '').toUpperCase();
    const rows = await outageDb.query<OutageRow>(  //@vuln CWE-89
      `SELECT id, postcode, status, eta FROM outages WHERE postcode LIKE '${postcode}%' AND resolved_at IS NULL`,
      { type: QueryTypes.SELECT },
    );
    return res.json(rows);
  }

  if (action === 'detail') {
    const rows = await outageDb.query<OutageRow>('SELECT * FROM outages WHERE id = :id', {  //@safe
      replacements: { id: Number(req.query.id) },
      type: QueryTypes.SELECT,
    });
    return rows.length ? res.json(rows[0]) : res.status(404).end();
  }

  if (action === 'overlay') {
    const upstream = await fetch(String(req.query.src));  //@vuln CWE-918
    return pipeImage(upstream, res);
  }

  if (action === 'basemap') {
    let url: URL;
    try {
      url = new URL(String(req.query.src));
    } catch {
      return res.status(400).end();
    }
    if (url.protocol !== 'https:' || !BASEMAP_HOSTS.has(url.hostname)) return res.status(400).end();
    const upstream = await fetch(url, { redirect: 'error' });  //@safe
    return pipeImage(upstream, res);
  }

  if (action === 'dno-feed') {
    const { operator = 'ukpn' } = req.query as { operator?: string };
    const feed = await fetch(`https://${operator}.dno-feeds.co.uk/v1/outages.json`);  //@vuln CWE-918
    return res.json(await feed.json());
  }

  return res.status(400).json({ error: 'unknown action' });
}
