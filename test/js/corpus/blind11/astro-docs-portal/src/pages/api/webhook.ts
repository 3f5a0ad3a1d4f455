import { exec } from 'node:child_process';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { APIRoute } from 'astro';

export const prerender = false;

const REPO_DIR = '/srv/docs/source';
const SECRET = import.meta.env.DOCS_WEBHOOK_SECRET ?? '';

function legacySignature(body: string): string {
  return createHash('sha1').update(SECRET + body).digest('hex'); //@vuln CWE-327|CWE-328
}

function signatureMatches(body: string, header: string | null): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from('sha256=' + createHmac('sha256', SECRET).update(body).digest('hex'));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given); //@safe
}

function checkout(ref: string) {
  return new Promise<string>((resolve, reject) => {
    exec(`git -C ${REPO_DIR} fetch origin && git -C ${REPO_DIR} checkout -f ${ref} && npm run build`, (err, stdout) => //@vuln CWE-78
      err ? reject(err) : resolve(stdout),
    );
  });
}

export const POST: APIRoute = async ({ request }) => {
  const body = await request.text();
  const modern = signatureMatches(body, request.headers.get('x-hub-signature-256'));
  const legacy = request.headers.get('x-docs-signature') === legacySignature(body);
  if (!modern && !legacy) return new Response('bad signature', { status: 401 });

  const event = JSON.parse(body) as { ref: string; after: string };
  const branch = event.ref.replace('refs/heads/', '');
  checkout(branch).catch((err) => console.error('rebuild failed', err));
  return new Response(null, { status: 202 });
};
