import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import libxmljs from 'libxmljs2';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createPost, requireUserId } from '~/lib/db.server';

const MEDIA_DIR = path.resolve(process.cwd(), 'public', 'media');

const OEMBED_PROVIDERS: Record<string, string> = {
  'www.youtube.com': 'https://www.youtube.com/oembed',
  'youtube.com': 'https://www.youtube.com/oembed',
  'vimeo.com': 'https://vimeo.com/api/oembed.xml',
  'www.flickr.com': 'https://www.flickr.com/services/oembed/'
};

function pickMeta(html: string, prop: string): string | null {
  const m = html.match(new RegExp(`<meta[^>]+property=["']${prop}["'][^>]+content=["']([^"']*)["']`, 'i'));
  return m ? m[1] : null;
}

// GET /resources/preview?url=... used by the editor to render link cards
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserId(request);
  const target = new URL(request.url).searchParams.get('url');
  if (!target) return json({ error: 'url is required' }, { status: 400 });

  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    return json({ error: 'invalid url' }, { status: 400 });
  }

  const provider = OEMBED_PROVIDERS[parsed.hostname];
  if (provider) {
    const res = await fetch(`${provider}?format=xml&url=${encodeURIComponent(parsed.toString())}`); //@safe
    const doc = libxmljs.parseXml(await res.text()); //@safe
    return json({ kind: 'embed', title: doc.get('//title')?.text() ?? '', html: doc.get('//html')?.text() ?? '' });
  }

  const res = await fetch(parsed, { redirect: 'follow', headers: { 'user-agent': 'FieldNotesPreview/1.2' } }); //@vuln CWE-918
  const html = (await res.text()).slice(0, 200_000);
  return json({
    kind: 'card',
    title: pickMeta(html, 'og:title') ?? parsed.hostname,
    description: pickMeta(html, 'og:description'),
    image: pickMeta(html, 'og:image')
  });
}

// POST: import a WordPress WXR export as drafts
export async function action({ request }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await request.formData();
  const upload = form.get('wxr');
  if (!(upload instanceof File)) return json({ error: 'missing file' }, { status: 400 });

  const doc = libxmljs.parseXml(await upload.text(), { noent: true, dtdload: true, nocdata: true }); //@vuln CWE-611
  const ns = { wp: 'http://wordpress.org/export/1.2/', content: 'http://purl.org/rss/1.0/modules/content/' };
  let imported = 0;

  for (const item of doc.find('//item')) {
    const type = item.get('wp:post_type', ns)?.text();
    if (type === 'attachment') {
      const fileName = item.get('wp:attachment_filename', ns)?.text() ?? path.basename(item.get('wp:attachment_url', ns)?.text() ?? '');
      const data = item.get('wp:attachment_data', ns)?.text();
      if (fileName && data) {
        await fs.writeFile(path.join(MEDIA_DIR, fileName), Buffer.from(data, 'base64')); //@vuln CWE-22
      }
      continue;
    }
    if (type !== 'post') continue;
    createPost(userId, {
      slug: item.get('wp:post_name', ns)?.text() ?? `import-${Date.now()}-${imported}`,
      title: item.get('title')?.text() ?? 'Untitled',
      excerpt: '',
      body: item.get('content:encoded', ns)?.text() ?? '',
      tags: item.find('category').map((c) => c.text()).join(',')
    });
    imported++;
  }
  return json({ imported });
}
