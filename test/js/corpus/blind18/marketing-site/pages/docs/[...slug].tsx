import fs from 'fs/promises';
import path from 'path';
import { marked } from 'marked';
import type { GetServerSideProps } from 'next';

const DOCS_ROOT = path.join(process.cwd(), 'content', 'docs');

type Props = { html: string; slug: string; version: string };

export const getServerSideProps: GetServerSideProps<Props> = async ({ params, query }) => {
  const slug = ((params?.slug as string[]) ?? ['index']).join('/');
  const version = typeof query.v === 'string' ? query.v : 'latest';
  const file = path.join(DOCS_ROOT, version, `${slug}.md`);
  const markdown = await fs.readFile(file, 'utf8').catch(() => null); //@vuln CWE-22
  if (markdown === null) return { notFound: true };
  return { props: { html: await marked.parse(markdown), slug, version } };
};

export default function DocPage({ html, slug, version }: Props) {
  return (
    <main className="docs">
      <nav className="crumbs">Docs / {version} / {slug}</nav>
      <article className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </main>
  );
}
