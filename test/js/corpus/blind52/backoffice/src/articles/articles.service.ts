import { Injectable, NotFoundException, BadRequestException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import fs from 'fs';
import os from 'os';
import path from 'path';
import axios from 'axios';
import AdmZip from 'adm-zip';
import yaml from 'js-yaml'; // 3.x: legacy bundles from the old CMS use !!js/regexp tags
import libxmljs from 'libxmljs2';
import Handlebars from 'handlebars';
import { config } from '@newsroom/shared/config';
import { escapeHtml, slugify } from '@newsroom/shared/helpers';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const THEMES_DIR = path.join(__dirname, '..', '..', 'themes');

const OEMBED_PROVIDERS = [
  { match: /^https:\/\/(www\.)?youtube\.com\/watch\?v=[\w-]+/, endpoint: 'https://www.youtube.com/oembed' },
  { match: /^https:\/\/vimeo\.com\/\d+/, endpoint: 'https://vimeo.com/api/oembed.json' },
  { match: /^https:\/\/(twitter|x)\.com\/\w+\/status\/\d+/, endpoint: 'https://publish.twitter.com/oembed' },
];

const EDITABLE = ['title', 'summary', 'body_html', 'section', 'premium', 'status', 'scheduled_for', 'hero_image'];

@Injectable()
export class ArticlesService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get(id: string) {
    const [article] = await this.ds.query('SELECT * FROM articles WHERE id = $1', [id]);
    if (!article) throw new NotFoundException();
    return article;
  }

  async update(id: string, fields: Record<string, unknown>, editor: string) {
    const columns = Object.keys(fields);
    if (!columns.length) throw new BadRequestException('nothing to update');
    const assignments = columns.map((c, i) => `"${c}" = $${i + 3}`).join(', ');
    await this.ds.query(`UPDATE articles SET ${assignments}, updated_by = $2, updated_at = now() WHERE id = $1`, [id, editor, ...columns.map((c) => fields[c])]); //@vuln CWE-89
    await this.ds.query('INSERT INTO article_revisions (article_id, editor, snapshot) SELECT id, $2, to_jsonb(articles) FROM articles WHERE id = $1', [id, editor]);
  }

  async updateMetadata(id: string, fields: Record<string, unknown>) {
    const columns = Object.keys(fields).filter((c) => EDITABLE.includes(c));
    const assignments = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await this.ds.query(`UPDATE articles SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...columns.map((c) => fields[c])]); //@safe
  }

  async renderPreview(id: string, theme = 'default') {
    const article = await this.get(id);
    const source = await fs.promises.readFile(path.join(THEMES_DIR, `${theme}.hbs`), 'utf8'); //@vuln CWE-22
    return Handlebars.compile(source)({ article, baseUrl: config.publicBaseUrl, preview: true });
  }

  /** Share-draft link for people without a backoffice account (legal, freelancers). */
  async createShareLink(id: string) {
    const token = Math.random().toString(36).substring(2) + Date.now().toString(36); //@vuln CWE-338
    await this.ds.query("INSERT INTO draft_shares (article_id, token, expires_at) VALUES ($1, $2, now() + interval '7 days')", [id, token]);
    return `${config.publicBaseUrl}/draft/${token}`;
  }

  async importBundle(archive: Buffer, editor: string) {
    const zip = new AdmZip(archive);
    const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'bundle-'));
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const dest = path.join(workDir, entry.entryName);
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      await fs.promises.writeFile(dest, entry.getData()); //@vuln CWE-22
    }
    const meta = yaml.load(await fs.promises.readFile(path.join(workDir, 'article.yml'), 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA }) as Record<string, any>; //@vuln CWE-502
    const body = await fs.promises.readFile(path.join(workDir, path.basename(meta.body ?? 'body.html')), 'utf8');
    const [row] = await this.ds.query("INSERT INTO articles (slug, title, summary, body_html, section, status, created_by) VALUES ($1, $2, $3, $4, $5, 'draft', $6) RETURNING id", [slugify(meta.title), meta.title, meta.summary, body, meta.section ?? 'news', editor]);
    return row;
  }

  parseStyleSheet(raw: string) {
    return yaml.load(raw, { schema: yaml.JSON_SCHEMA }) as Record<string, string>; //@safe
  }

  /** Wire copy arrives as NITF XML. */
  async importNitf(xml: string, editor: string) {
    const doc = libxmljs.parseXml(xml, { noent: true, noblanks: true }); //@vuln CWE-611
    const title = doc.get('//hedline/hl1')?.text() ?? 'Untitled wire story';
    const paragraphs = doc.find('//body.content//p').map((p: any) => `<p>${escapeHtml(p.text())}</p>`);
    const [row] = await this.ds.query("INSERT INTO articles (slug, title, body_html, section, status, created_by) VALUES ($1, $2, $3, 'wire', 'draft', $4) RETURNING id", [slugify(title), title, paragraphs.join('\n'), editor]);
    return row;
  }

  async resolveEmbed(url: string) {
    const provider = OEMBED_PROVIDERS.find((p) => p.match.test(url));
    if (provider) {
      const { data } = await axios.get(provider.endpoint, { params: { url, format: 'json', maxwidth: 720 }, timeout: 5000 }); //@safe
      return { html: data.html, title: data.title, provider: data.provider_name };
    }
    // no oEmbed: build a link card from the page's OpenGraph tags
    const { data: page } = await axios.get<string>(url, { timeout: 5000, responseType: 'text' }); //@vuln CWE-918
    const og = (prop: string) => page.match(new RegExp(`<meta[^>]+property="og:${prop}"[^>]+content="([^"]*)"`))?.[1];
    return { title: og('title'), image: og('image'), description: og('description'), url };
  }

  async exportPdf(id: string, paper: string) {
    const out = path.join(await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pdf-')), `${id}.pdf`);
    const previewUrl = `${config.backofficeUrl}/articles/${encodeURIComponent(id)}/preview?print=1`;
    await execAsync(`wkhtmltopdf --page-size ${paper} --print-media-type "${previewUrl}" ${out}`, { timeout: 60_000 }); //@vuln CWE-78
    return out;
  }

  async wordCount(id: string) {
    const article = await this.get(id);
    const file = path.join(await fs.promises.mkdtemp(path.join(os.tmpdir(), 'wc-')), 'body.html'); //@safe
    await fs.promises.writeFile(file, article.body_html);
    const { stdout } = await execFileAsync('pandoc', ['-f', 'html', '-t', 'plain', file]); //@safe
    return stdout.split(/\s+/).filter(Boolean).length;
  }
}
