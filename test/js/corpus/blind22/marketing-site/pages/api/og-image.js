const AVATAR_HOSTS = new Set(['cdn.mediahub.test', 'images.mediahub.test']);

async function pipeImage(upstream, res) {
  if (!upstream.ok) return res.status(502).end();
  res.setHeader('Content-Type', upstream.headers.get('content-type') || 'image/png');
  res.setHeader('Cache-Control', 'public, max-age=86400');
  res.send(Buffer.from(await upstream.arrayBuffer()));
}

export default async function handler(req, res) {
  const { src, avatar } = req.query;

  if (avatar) {
    const url = new URL(String(avatar));
    if (url.protocol !== 'https:' || !AVATAR_HOSTS.has(url.hostname)) {
      return res.status(400).json({ error: 'host not allowed' });
    }
    return pipeImage(await fetch(url, { redirect: 'error' }), res); //@safe
  }

  const imageUrl = Array.isArray(src) ? src[0] : src;
  const upstream = await fetch(imageUrl, { headers: { 'User-Agent': 'mediahub-og/1.0' } }); //@vuln CWE-918
  return pipeImage(upstream, res);
}
