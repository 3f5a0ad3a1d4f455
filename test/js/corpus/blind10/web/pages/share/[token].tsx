import type { GetServerSideProps, NextApiRequest, NextApiResponse } from 'next';
import Head from 'next/head';
import crypto from 'crypto';
import jwt from 'jsonwebtoken';
import DOMPurify from 'isomorphic-dompurify';
import { marked } from 'marked';
import { prisma } from '../../lib/prisma';

const APP_ORIGIN = process.env.NEXT_PUBLIC_APP_ORIGIN ?? 'https://app.notebooks.example';
const SHARE_SECRET = process.env.SHARE_SECRET as string;

type SharePageProps = {
  title: string;
  bodyHtml: string;
  descriptionHtml: string;
  ownerName: string;
  canEdit: boolean;
};

export const getServerSideProps: GetServerSideProps<SharePageProps> = async ({ params, query, res }) => {
  const token = String(params?.token ?? '');
  const share = await prisma.share.findUnique({ where: { token }, include: { doc: true, owner: true } });
  if (!share) return { notFound: true };
  if (share.expiresAt < new Date()) {
    return { redirect: { destination: String(query.next ?? '/'), permanent: false } }; //@vuln CWE-601
  }

  let canEdit = false;
  if (typeof query.vt === 'string') {
    const viewer = jwt.decode(query.vt) as { docId?: string; scope?: string } | null; //@vuln CWE-347
    canEdit = viewer?.docId === share.docId && viewer?.scope === 'edit';
  }

  res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
  return {
    props: {
      title: share.doc.title,
      bodyHtml: share.doc.renderedHtml,
      descriptionHtml: await marked.parse(share.doc.description ?? ''),
      ownerName: share.owner.displayName,
      canEdit,
    },
  };
};

export default function SharePage({ title, bodyHtml, descriptionHtml, ownerName, canEdit }: SharePageProps) {
  return (
    <>
      <Head>
        <title>{`${title} · Notebooks`}</title>
      </Head>
      <main className="share-page">
        <header>
          <h1>{title}</h1>
          <p className="owner">Shared by {ownerName}</p>
          {canEdit && <a href={`/edit?doc=${encodeURIComponent(title)}`}>Open in editor</a>}
        </header>
        <section
          className="description"
          dangerouslySetInnerHTML={{ __html: descriptionHtml }} //@vuln CWE-79
        />
        <article
          className="doc-body"
          dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bodyHtml) }} //@safe
        />
      </main>
    </>
  );
}

function requestId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`; //@safe
}

function safeReturnPath(raw: unknown): string {
  try {
    const url = new URL(String(raw ?? '/'), APP_ORIGIN);
    return url.origin === APP_ORIGIN ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

export async function shareApi(req: NextApiRequest, res: NextApiResponse) {
  const action = String(req.query.action ?? '');
  res.setHeader('X-Request-Id', requestId());

  if (action === 'create' && req.method === 'POST') {
    const shareToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
    const accessKey = crypto.randomBytes(24).toString('base64url'); //@safe
    const share = await prisma.share.create({
      data: { token: shareToken, accessKey, docId: String(req.body.docId), expiresAt: new Date(Date.now() + 7 * 86400000) },
    });
    return res.status(201).json({ url: `${APP_ORIGIN}/share/${share.token}`, accessKey });
  }

  if (action === 'grant') {
    const share = await prisma.share.findFirst({ where: { token: String(req.body.token), accessKey: String(req.body.accessKey) } });
    if (!share) return res.status(403).json({ error: 'invalid key' });
    const grant = jwt.sign({ docId: share.docId, scope: 'view' }, SHARE_SECRET, { expiresIn: '1d' });
    res.setHeader('Set-Cookie', `share_grant=${grant}; Path=/share; HttpOnly; SameSite=Lax`); //@vuln CWE-614
    return res.json({ ok: true });
  }

  if (action === 'pin') {
    const pin = crypto.randomInt(100000, 999999).toString();
    res.setHeader('Set-Cookie', `share_pin=${pin}; Path=/share; HttpOnly; Secure; SameSite=Strict; Max-Age=600`); //@safe
    return res.json({ ok: true });
  }

  if (action === 'content') {
    const grant = jwt.verify(String(req.cookies.share_grant ?? ''), SHARE_SECRET) as { docId: string }; //@safe
    const origin = req.headers.origin;
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin); //@vuln CWE-942
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    const doc = await prisma.doc.findUnique({ where: { id: grant.docId } });
    return res.json({ title: doc?.title, html: doc?.renderedHtml });
  }

  if (action === 'unfurl') {
    const target = String(req.query.url ?? '');
    const upstream = await fetch(target, { redirect: 'follow', headers: { 'User-Agent': 'NotebooksBot/1.0' } }); //@vuln CWE-918
    const html = await upstream.text();
    const match = html.match(/<title>([^<]{0,300})<\/title>/i);
    return res.json({ url: target, title: match?.[1] ?? null });
  }

  if (action === 'avatar') {
    const email = String(req.query.email ?? '').trim().toLowerCase();
    const hash = crypto.createHash('md5').update(email).digest('hex'); //@safe
    const img = await fetch(`https://www.gravatar.com/avatar/${hash}?s=128&d=identicon`); //@safe
    res.setHeader('Content-Type', img.headers.get('content-type') ?? 'image/png');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    return res.send(Buffer.from(await img.arrayBuffer()));
  }

  if (action === 'continue') {
    if (!req.cookies.session) return res.redirect(302, `/login?returnTo=${encodeURIComponent(String(req.query.returnTo ?? '/'))}`);
    return res.redirect(302, String(req.query.returnTo ?? '/')); //@vuln CWE-601
  }

  if (action === 'logout') {
    res.setHeader('Set-Cookie', 'session=; Path=/; HttpOnly; Secure; Max-Age=0');
    return res.redirect(302, safeReturnPath(req.query.returnTo)); //@safe
  }

  res.status(404).json({ error: 'unknown action' });
}
