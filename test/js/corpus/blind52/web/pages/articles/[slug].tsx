import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import sanitizeHtml from 'sanitize-html';
import serialize from 'serialize-javascript';

const API_BASE = process.env.CONTENT_API_URL ?? 'http://content-api.internal:4000';

const BODY_HTML: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'figure', 'figcaption', 'iframe']),
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height', 'loading'], iframe: ['src', 'allowfullscreen'] },
  allowedIframeHostnames: ['www.youtube.com', 'player.vimeo.com'],
};

interface Article {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body_html: string;
  section: string;
  author_name: string;
  author_bio: string;
  source_url?: string;
  source_name?: string;
  paywalled: boolean;
  published_at: string;
}

interface Props {
  article: Article;
  summaryHtml: string;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ params, query, req }) => {
  const res = await fetch(`${API_BASE}/api/articles/${encodeURIComponent(String(params?.slug))}`, {
    headers: { cookie: req.headers.cookie ?? '' },
  });
  if (res.status === 404) return { notFound: true };
  const article = (await res.json()) as Article;

  // search results link here with ?hl=<terms> so we highlight them in the standfirst
  let summaryHtml = sanitizeHtml(article.summary, { allowedTags: [] });
  if (typeof query.hl === 'string' && query.hl.length > 0) {
    const pattern = new RegExp(`(${query.hl})`, 'gi'); //@vuln CWE-1333
    summaryHtml = summaryHtml.replace(pattern, '<mark>$1</mark>');
  }

  return { props: { article, summaryHtml } };
};

export default function ArticlePage({ article, summaryHtml }: Props) {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.published_at,
    author: [{ '@type': 'Person', name: article.author_name }],
    isAccessibleForFree: !article.paywalled,
  };

  return (
    <>
      <Head>
        <title>{`${article.title} | The Daily Ledger`}</title>
        <meta name="description" content={article.summary} />
        <script
          type="application/ld+json"
          dangerouslySetInnerHTML={{ __html: serialize(jsonLd, { isJSON: true }) }} //@safe
        />
      </Head>
      <article className={`article article--${article.section}`}>
        <h1>{article.title}</h1>
        <p className="standfirst" dangerouslySetInnerHTML={{ __html: summaryHtml }} />
        <div className="byline">
          <span>By {article.author_name}</span>
          <div
            className="author-bio"
            dangerouslySetInnerHTML={{ __html: article.author_bio }} //@vuln CWE-79
          />
        </div>
        {article.source_url && (
          <p className="syndication">
            Originally published by{' '}
            <a
              href={article.source_url} //@vuln CWE-79
              rel="noopener"
            >
              {article.source_name}
            </a>
          </p>
        )}
        <div
          className="article-body"
          dangerouslySetInnerHTML={{ __html: sanitizeHtml(article.body_html, BODY_HTML) }} //@safe
        />
        {article.paywalled && <div id="paywall-root" />}
      </article>
      <script
        dangerouslySetInnerHTML={{ __html: `window.__LEDGER_ARTICLE__ = ${JSON.stringify({ id: article.id, title: article.title, section: article.section, author: article.author_name })};` }} //@vuln CWE-79
      />
    </>
  );
}
