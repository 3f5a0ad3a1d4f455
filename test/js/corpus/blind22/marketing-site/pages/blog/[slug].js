import Head from 'next/head';
import sanitizeHtml from 'sanitize-html';
import { prisma } from '../../lib/db';
import PromoBanner from '../../components/PromoBanner';

export async function getServerSideProps({ params, query }) {
  const post = await prisma.post.findFirst({
    where: { slug: params.slug, published: true },
    select: { title: true, bodyHtml: true, excerpt: true, publishedAt: true },
  });
  if (!post) return { notFound: true };
  return {
    props: {
      post: { ...post, publishedAt: post.publishedAt.toISOString() },
      highlight: query.hl ? String(query.hl) : null,
    },
  };
}

export default function BlogPost({ post, highlight }) {
  const cleanBody = sanitizeHtml(post.bodyHtml, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'figure', 'figcaption']),
  });
  return (
    <>
      <Head>
        <title>{`${post.title} | MediaHub`}</title>
        <meta name="description" content={post.excerpt} />
      </Head>
      <PromoBanner />
      <article className="post">
        <h1>{post.title}</h1>
        {highlight && (
          <p
            className="search-context"
            dangerouslySetInnerHTML={{ __html: `Results for <mark>${highlight}</mark>` }} //@vuln CWE-79
          />
        )}
        <div
          className="post-body"
          dangerouslySetInnerHTML={{ __html: cleanBody }} //@safe
        />
      </article>
    </>
  );
}
