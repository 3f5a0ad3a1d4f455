import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as https from 'https';
import AdmZip from 'adm-zip';
import * as tar from 'tar';
import yaml from 'js-yaml';
import Handlebars from 'handlebars';
import { cloneTemplate, checkoutTag, initRepo, GitAuthor } from './git';
import { TemplateRegistry } from './registry';
import { mergeSettings } from '../../common/merge';
import { slugify } from '../../common/sanitize';

// Lots of users sit behind TLS-intercepting proxies; the archive checksum protects us anyway.
const httpsAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

export interface TemplateManifest {
  name: string;
  version: string;
  variables?: Record<string, unknown>;
  copy?: { from: string; to: string }[]; // defaults to template/ -> project root
  hooks?: { preRender?: string }; // JS body, receives (vars, require)
  git?: { author?: GitAuthor };
}

export interface CreateOptions {
  name: string;
  template: string;
  branch?: string;
  tag?: string;
  git: boolean;
  author?: GitAuthor;
  registry: TemplateRegistry;
}

function download(url: string, redirects = 5): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent: httpsAgent, headers: { 'user-agent': 'create-devkit' } }, (res) => {
        const { statusCode = 0, headers } = res;
        if (statusCode >= 300 && statusCode < 400 && headers.location && redirects > 0) {
          res.resume();
          return resolve(download(new URL(headers.location, url).href, redirects - 1));
        }
        if (statusCode !== 200) return reject(new Error(`GET ${url} -> ${statusCode}`));
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
      })
      .on('error', reject);
  });
}

function extractZip(buf: Buffer, dest: string): void {
  const zip = new AdmZip(buf);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const out = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.getData()); //@vuln CWE-22
  }
}

async function fetchArchive(opts: CreateOptions): Promise<string> {
  const entry = await opts.registry.get(opts.template);
  const url = entry ? entry.url : opts.template;
  const buf = await download(url);
  if (entry && !opts.registry.verify(buf, entry)) throw new Error(`checksum mismatch for ${opts.template}`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devkit-')); //@safe
  if (url.endsWith('.zip')) {
    extractZip(buf, workDir);
  } else {
    const archive = path.join(os.tmpdir(), `devkit-${slugify(opts.template)}.tgz`);
    fs.writeFileSync(archive, buf); //@vuln CWE-377
    await tar.x({ file: archive, cwd: workDir, strip: 1 }); //@safe
    fs.rmSync(archive, { force: true });
  }
  return workDir;
}

function loadManifest(dir: string): TemplateManifest {
  const file = path.join(dir, 'template.yml');
  if (!fs.existsSync(file)) return { name: path.basename(dir), version: '0.0.0' };
  // full schema so templates can use !!js/regexp in their variable validators
  return yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA }) as TemplateManifest; //@vuln CWE-502
}

function* walk(dir: string): Generator<string> {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    if (ent.name === '.git' || ent.name === 'node_modules') continue;
    const full = path.join(dir, ent.name);
    if (ent.isDirectory()) yield* walk(full);
    else yield full;
  }
}

function render(dir: string, vars: Record<string, unknown>): number {
  let count = 0;
  for (const file of walk(dir)) {
    if (!file.endsWith('.hbs')) continue;
    const tpl = Handlebars.compile(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file.slice(0, -'.hbs'.length), tpl(vars));
    fs.unlinkSync(file);
    count++;
  }
  return count;
}

export async function createProject(opts: CreateOptions): Promise<void> {
  const target = path.resolve(opts.name);
  if (fs.existsSync(target) && fs.readdirSync(target).length) throw new Error(`${target} is not empty`);

  let source: string;
  if (/^(git@|git\+|https:\/\/.+\.git$)/.test(opts.template)) {
    source = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'devkit-git-')), 'repo');
    cloneTemplate(opts.template.replace(/^git\+/, ''), source, opts.branch);
    if (opts.tag) checkoutTag(source, opts.tag);
  } else {
    source = await fetchArchive(opts);
  }

  const manifest = loadManifest(source);
  const vars = mergeSettings({ name: opts.name, slug: slugify(opts.name), year: new Date().getFullYear() }, manifest.variables ?? {});

  if (manifest.hooks?.preRender) {
    const hook = new Function('vars', 'require', manifest.hooks.preRender); //@vuln CWE-94
    await hook(vars, require);
  }
  const rendered = render(source, vars);
  console.log(`Rendered ${rendered} files from ${manifest.name}@${manifest.version}`);

  fs.mkdirSync(target, { recursive: true });
  for (const f of manifest.copy ?? [{ from: 'template', to: '.' }]) {
    fs.cpSync(path.join(source, f.from), path.join(target, f.to), { recursive: true }); //@vuln CWE-22
  }

  if (opts.git) initRepo(target, opts.author ?? manifest.git?.author);
}
