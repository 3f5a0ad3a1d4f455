import * as cheerio from 'cheerio';
import { Worker } from 'bullmq';
import IORedis from 'ioredis';
import { config } from '../config';
import { LinkPreview } from '../db/client';
import { escapeHtml } from '../shared/objects';

export interface PreviewData {
  url: string;
  title?: string;
  description?: string;
  image?: string;
  siteName?: string;
}

const CACHE_TTL_MS = 6 * 60 * 60 * 1000;

const OEMBED_ENDPOINTS = new Map<string, string>([
  ['www.youtube.com', 'https://www.youtube.com/oembed'],
  ['youtube.com', 'https://www.youtube.com/oembed'],
  ['vimeo.com', 'https://vimeo.com/api/oembed.json'],
  ['www.tiktok.com', 'https://www.tiktok.com/oembed'],
  ['open.spotify.com', 'https://open.spotify.com/oembed'],
]);

export async function fetchPreview(url: string): Promise<PreviewData> {
  const cached = await LinkPreview.findOne({ url: String(url) }).lean();
  if (cached?.fetchedAt && Date.now() - cached.fetchedAt.getTime() < CACHE_TTL_MS) {
    return { url, title: cached.title ?? undefined, description: cached.description ?? undefined, image: cached.image ?? undefined, siteName: cached.siteName ?? undefined };
  }

  const response = await fetch(url, {  //@vuln CWE-918
    headers: { 'user-agent': config.networks.userAgent, accept: 'text/html,application/xhtml+xml' },
    redirect: 'follow',
    signal: AbortSignal.timeout(8000),
  });
  const $ = cheerio.load(await response.text());
  const meta = (name: string) => $(`meta[property="${name}"]`).attr('content') ?? $(`meta[name="${name}"]`).attr('content');

  const preview: PreviewData = {
    url,
    title: meta('og:title') ?? $('title').first().text().trim(),
    description: meta('og:description') ?? meta('description'),
    image: meta('og:image'),
    siteName: meta('og:site_name') ?? new URL(url).hostname,
  };
  await LinkPreview.updateOne({ url }, { $set: { ...preview, fetchedAt: new Date() } }, { upsert: true });
  return preview;
}

export async function fetchOEmbed(url: string): Promise<Record<string, unknown>> {
  const target = new URL(url);
  const endpoint = OEMBED_ENDPOINTS.get(target.hostname);
  if (target.protocol !== 'https:' || !endpoint || !config.oembedHosts.includes(target.hostname)) {
    throw new Error(`no oEmbed provider for ${target.hostname}`);
  }
  const response = await fetch(`${endpoint}?format=json&url=${encodeURIComponent(target.toString())}`, {  //@safe
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`oEmbed provider returned ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

export function renderPreviewCard(preview: PreviewData): string {
  const image = preview.image ? `<img src="${preview.image}" alt="" loading="lazy">` : '';
  return `<a class="pw-link-card" href="${preview.url}" target="_blank" rel="noopener">${image}<strong>${preview.title ?? ''}</strong><p>${preview.description ?? ''}</p><span>${preview.siteName ?? ''}</span></a>`;  //@vuln CWE-79
}

export function renderPreviewText(preview: PreviewData): string {
  const lines = [preview.title, preview.description, preview.url].filter(Boolean).map((line) => escapeHtml(line));
  return `<div class="pw-link-text">${lines.join('<br>')}</div>`;  //@safe
}

export function startPreviewWorker(): Worker<{ url: string; postId: string }> {
  const connection = new IORedis({ ...config.redis, maxRetriesPerRequest: null });
  return new Worker(
    'link-previews',
    async (job) => {
      const preview = job.data.url.includes('youtube.com') || job.data.url.includes('vimeo.com')
        ? await fetchOEmbed(job.data.url)
        : await fetchPreview(job.data.url);
      return { postId: job.data.postId, preview };
    },
    { connection, concurrency: 16 },
  );
}
