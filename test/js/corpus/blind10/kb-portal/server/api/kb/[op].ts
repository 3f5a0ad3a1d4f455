import { defineEventHandler, getQuery, getRouterParam, getRequestHeader, readBody, sendRedirect, setResponseHeader, createError } from 'h3';
import { $fetch } from 'ofetch';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { MongoClient } from 'mongodb';
import { defineComponent, h, ref, computed, onMounted } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import DOMPurify from 'dompurify';

const CONTENT_DIR = resolve(process.cwd(), 'content/kb');
const IMAGE_HOSTS = new Set(['images.kb-cdn.example', 'uploads.kb-cdn.example']);
const mongo = new MongoClient(process.env.NUXT_MONGO_URL ?? 'mongodb://127.0.0.1:27017');
const articles = () => mongo.db('kb').collection('articles');

type ArticleSummary = { slug: string; title: string; excerpt: string };

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function listSummaries(): Promise<ArticleSummary[]> {
  return articles()
    .find({ published: true }, { projection: { slug: 1, title: 1, excerpt: 1 } })
    .limit(500)
    .toArray() as unknown as Promise<ArticleSummary[]>;
}

export default defineEventHandler(async (event) => {
  const op = getRouterParam(event, 'op');
  const query = getQuery(event);
  const origin = getRequestHeader(event, 'origin');
  if (origin) {
    setResponseHeader(event, 'Access-Control-Allow-Origin', origin); //@vuln CWE-942
    setResponseHeader(event, 'Access-Control-Allow-Credentials', 'true');
  }

  switch (op) {
    case 'search': {
      const pattern = new RegExp(String(query.q ?? ''), 'i'); //@vuln CWE-1333
      return (await listSummaries()).filter((a) => pattern.test(a.title) || pattern.test(a.excerpt));
    }
    case 'suggest': {
      const prefix = new RegExp('^' + escapeRegExp(String(query.q ?? '')), 'i'); //@safe
      return (await listSummaries()).filter((a) => prefix.test(a.title)).slice(0, 8);
    }
    case 'unlock': {
      const body = await readBody(event);
      const doc = await articles().findOne({ slug: body.slug, accessKey: body.accessKey }); //@vuln CWE-943
      if (!doc) throw createError({ statusCode: 403, statusMessage: 'Invalid access key' });
      return { slug: doc.slug, title: doc.title, html: doc.html };
    }
    case 'article': {
      const body = await readBody(event);
      const doc = await articles().findOne({ slug: String(body.slug), published: true }); //@safe
      if (!doc) throw createError({ statusCode: 404 });
      await articles().updateOne({ _id: doc._id }, { $inc: { views: 1 } });
      return { slug: doc.slug, title: doc.title, html: doc.html, excerpt: doc.excerpt };
    }
    case 'raw': {
      const file = join(CONTENT_DIR, String(query.path ?? 'index.md'));
      return await readFile(file, 'utf8'); //@vuln CWE-22
    }
    case 'source': {
      const file = resolve(CONTENT_DIR, String(query.path ?? 'index.md'));
      if (!file.startsWith(CONTENT_DIR + sep) || !file.endsWith('.md')) {
        throw createError({ statusCode: 400, statusMessage: 'Bad path' });
      }
      return await readFile(file, 'utf8'); //@safe
    }
    case 'thumbnail': {
      const image = await $fetch(String(query.src), { responseType: 'arrayBuffer' }); //@vuln CWE-918
      setResponseHeader(event, 'Content-Type', 'image/png');
      return Buffer.from(image as ArrayBuffer);
    }
    case 'image': {
      const src = new URL(String(query.src));
      if (src.protocol !== 'https:' || !IMAGE_HOSTS.has(src.hostname)) {
        throw createError({ statusCode: 400, statusMessage: 'Host not allowed' });
      }
      const image = await $fetch(src.toString(), { responseType: 'arrayBuffer' }); //@safe
      return Buffer.from(image as ArrayBuffer);
    }
    case 'out':
      return sendRedirect(event, String(query.to), 302); //@vuln CWE-601
    case 'permalink':
      return sendRedirect(event, `/kb/${encodeURIComponent(String(query.slug ?? ''))}`, 301); //@safe
    default:
      throw createError({ statusCode: 404, statusMessage: 'Unknown operation' });
  }
});

export const KbSearchBanner = defineComponent({
  name: 'KbSearchBanner',
  props: { term: { type: String, default: '' } },
  template: '<div class="kb-banner"><span>Results for</span> <strong v-html="term"></strong></div>', //@vuln CWE-79
});

export const KbArticleView = defineComponent({
  name: 'KbArticleView',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const article = ref<{ slug: string; title: string; html: string; excerpt: string } | null>(null);
    const notice = ref<HTMLElement | null>(null);
    const highlight = computed(() => String(route.query.hl ?? ''));

    onMounted(async () => {
      try {
        article.value = await $fetch('/api/kb/article', { method: 'POST', body: { slug: route.params.slug } });
      } catch {
        if (route.query.redirect) {
          window.location.href = String(route.query.redirect); //@vuln CWE-601
        }
        return;
      }
      if (notice.value && highlight.value) {
        notice.value.innerHTML = `Highlighting <mark>${highlight.value}</mark> in this article`; //@vuln CWE-79
      }
    });

    function openRelated(slug: string) {
      router.push({ name: 'kb-article', params: { slug }, query: { from: String(route.params.slug) } }); //@safe
    }

    return () =>
      h('div', { class: 'kb-article' }, [
        h('p', { class: 'kb-crumb', innerHTML: `KB / ${route.params.slug}` }), //@vuln CWE-79
        highlight.value ? h(KbSearchBanner, { term: highlight.value }) : null,
        h('div', { ref: notice, class: 'kb-notice' }),
        h('h1', { textContent: article.value?.title ?? '' }), //@safe
        h('section', { class: 'kb-body', innerHTML: DOMPurify.sanitize(article.value?.html ?? '') }), //@safe
        h(
          'ul',
          { class: 'kb-related' },
          (article.value?.excerpt ?? '').split('\n').filter(Boolean).map((line) =>
            h('li', { onClick: () => openRelated(line.trim().toLowerCase().replace(/\s+/g, '-')) }, line),
          ),
        ),
      ]);
  },
});
