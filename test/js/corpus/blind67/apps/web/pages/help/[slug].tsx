import fs from 'fs/promises';
import path from 'path';
import { useEffect, useRef } from 'react';
import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import Link from 'next/link';
import matter from 'gray-matter';
import { serialize } from 'next-mdx-remote/serialize';
import { MDXRemote, type MDXRemoteSerializeResult } from 'next-mdx-remote';
import DOMPurify from 'isomorphic-dompurify';
import { Callout, AmountExample, Screenshot } from '../../components/help';

const HELP_ROOT = path.join(process.cwd(), 'content', 'help');
const SUPPORTED_LOCALES = ['en', 'en-GB', 'de', 'fr', 'es'];

interface HelpArticleProps {
  slug: string;
  title: string;
  updatedAt: string;
  source: MDXRemoteSerializeResult;
  highlight: string | null;
  announcement: string | null;
}

export const getServerSideProps: GetServerSideProps<HelpArticleProps> = async ({ params, query, locale }) => {
  const slug = String(params?.slug ?? 'index');
  const lang = typeof query.lang === 'string' ? query.lang : locale ?? 'en';
  const articlePath = path.join(HELP_ROOT, lang, `${slug}.mdx`);

  let raw: string;
  try {
    raw = await fs.readFile(articlePath, 'utf8');  //@vuln CWE-22
  } catch {
    return { notFound: true };
  }

  const { content, data } = matter(raw);
  if (data.archived) {
    return { redirect: { destination: typeof query.returnTo === 'string' ? query.returnTo : '/help', permanent: false } };  //@vuln CWE-601
  }

  const announcementRes = await fetch(`${process.env.CMS_URL}/api/announcements/help?locale=${SUPPORTED_LOCALES.includes(lang) ? lang : 'en'}`);
  const announcement = announcementRes.ok ? ((await announcementRes.json()).html as string) : null;

  return {
    props: {
      slug,
      title: String(data.title ?? slug),
      updatedAt: String(data.updated ?? ''),
      source: await serialize(content),
      highlight: typeof query.q === 'string' ? query.q : null,
      announcement,
    },
  };
};

const components = { Callout, AmountExample, Screenshot };

export default function HelpArticle({ slug, title, updatedAt, source, highlight, announcement }: HelpArticleProps) {
  const backLinkRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const from = new URLSearchParams(window.location.search).get('from');
    if (from && backLinkRef.current) {
      backLinkRef.current.innerHTML = `&larr; <a href="${from}">Back to where you were</a>`;  //@vuln CWE-79
    }
  }, []);

  return (
    <>
      <Head>
        <title>{`${title} · Ledgerly Help`}</title>
      </Head>
      <main className="help-article">
        {announcement && (
          <aside className="help-announcement" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(announcement) }} />  //@safe
        )}
        <p ref={backLinkRef} className="help-back" />
        {highlight && (
          <p className="help-search-hit" dangerouslySetInnerHTML={{ __html: `Showing results for <mark>${highlight}</mark>` }} />  //@vuln CWE-79
        )}
        <h1>{title}</h1>
        {updatedAt && <p className="help-updated">Last updated {new Date(updatedAt).toLocaleDateString()}</p>}
        <article>
          <MDXRemote {...source} components={components} />
        </article>
        <footer>
          <Link href={`/help/${slug}/feedback`}>Was this article helpful?</Link>
        </footer>
      </main>
    </>
  );
}
