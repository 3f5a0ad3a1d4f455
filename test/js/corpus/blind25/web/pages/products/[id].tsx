import type { GetServerSideProps, NextPage } from 'next';
import Head from 'next/head';
import fs from 'fs/promises';
import path from 'path';
import DOMPurify from 'isomorphic-dompurify';
import { marked } from 'marked';
import ReviewList from '../../components/ReviewList';

const API_BASE = process.env.API_BASE_URL ?? 'http://api.internal:3000/api';
const GUIDES_DIR = path.join(process.cwd(), 'content', 'size-guides');

interface Product {
  sku: string;
  name: string;
  description: string;
  price: number;
  tags: string[];
}

interface Props {
  product: Product;
  guideHtml: string;
  promoHtml: string | null;
  highlight: string;
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  const id = String(ctx.params?.id ?? '');
  const resp = await fetch(`${API_BASE}/products/sku/${encodeURIComponent(id)}`); //@safe
  if (resp.status === 404) return { notFound: true };
  const product: Product = await resp.json();

  // ?guide=shoes-eu.md etc. Falls back to the generic guide.
  const guide = String(ctx.query.guide ?? 'generic.md');
  const guideMd = await fs.readFile(path.join(GUIDES_DIR, guide), 'utf8').catch(() => ''); //@vuln CWE-22

  // Marketing previews promo banners straight from the CMS draft URL.
  let promoHtml: string | null = null;
  if (typeof ctx.query.promoPreview === 'string') {
    const promo = await fetch(ctx.query.promoPreview); //@vuln CWE-918
    promoHtml = await promo.text();
  }

  return {
    props: {
      product,
      guideHtml: await marked.parse(guideMd),
      promoHtml,
      highlight: String(ctx.query.q ?? ''),
    },
  };
};

const ProductPage: NextPage<Props> = ({ product, guideHtml, promoHtml, highlight }) => {
  const title = highlight ? product.name.replace(highlight, `<mark>${highlight}</mark>`) : product.name;
  return (
    <>
      <Head>
        <title>{`${product.name} | Example Shop`}</title>
      </Head>
      <main className="product">
        <h1
          className="product-title"
          dangerouslySetInnerHTML={{ __html: title }} //@vuln CWE-79
        />
        <p className="price">€{product.price.toFixed(2)}</p>
        <div
          className="description"
          dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(product.description) }} //@safe
        />
        {promoHtml && (
          <aside
            className="promo"
            dangerouslySetInnerHTML={{ __html: promoHtml }} //@vuln CWE-79
          />
        )}
        <section className="size-guide" dangerouslySetInnerHTML={{ __html: guideHtml }} />
        <ReviewList productId={product.sku} />
      </main>
    </>
  );
};

export default ProductPage;
