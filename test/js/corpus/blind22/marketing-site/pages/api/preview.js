import { prisma } from '../../lib/db';

const PREVIEW_SECRET = process.env.PREVIEW_SECRET || 'changeme-preview-secret'; //@vuln CWE-798

export default async function preview(req, res) {
  const { secret, slug, redirect } = req.query;
  if (secret !== PREVIEW_SECRET || !slug) {
    return res.status(401).json({ message: 'Invalid token' });
  }
  const page = await prisma.page.findUnique({ where: { slug: String(slug) } });
  if (!page) return res.status(404).json({ message: 'Unknown slug' });

  res.setPreviewData({ slug: page.slug }, { maxAge: 60 * 30 });
  res.redirect(307, redirect || `/${page.slug}`); //@vuln CWE-601
}
