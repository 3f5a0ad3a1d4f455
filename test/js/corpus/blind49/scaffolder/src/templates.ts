import fs from 'fs/promises';
import path from 'path';
import Handlebars from 'handlebars';
import ejs from 'ejs';

export const TEMPLATES_DIR = process.env.TEMPLATES_DIR || path.resolve(__dirname, '../templates');
export const KNOWN_TEMPLATES = ['node-service', 'react-app', 'terraform-module', 'helm-chart', 'go-service'];

Handlebars.registerHelper('kebab', (s: string) => String(s).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[\s_]+/g, '-').toLowerCase());
Handlebars.registerHelper('upper', (s: string) => String(s).toUpperCase());
Handlebars.registerHelper('json', (v: unknown) => new Handlebars.SafeString(JSON.stringify(v, null, 2)));

export type Values = Record<string, any>;

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

/**
 * Sets a dotted key (`ci.node.version=20`) on the values object. Used for
 * `--set` on the CLI and the "extra parameters" box in the portal.
 */
export function setPath(values: Values, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur: any = values;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== 'object' || cur[part] === null) cur[part] = {};
    cur = cur[part];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

export interface RenderResult {
  outDir: string;
  files: string[];
}

/**
 * Renders templates/<name>/** into outDir. File names are templates too, so
 * `src/{{kebab name}}/index.ts.hbs` becomes `src/payments-api/index.ts`.
 */
export async function renderTemplate(templateName: string, values: Values, outDir: string): Promise<RenderResult> {
  if (!KNOWN_TEMPLATES.includes(templateName)) throw new Error(`unknown template ${templateName}`);
  const root = path.join(TEMPLATES_DIR, templateName);
  const written: string[] = [];

  for (const rel of await listFiles(root)) {
    const source = await fs.readFile(path.join(root, rel), 'utf8');
    const targetRel = Handlebars.compile(rel)(values).replace(/\.(hbs|ejs)$/, '');
    const target = path.join(outDir, targetRel);

    let content: string;
    if (rel.endsWith('.ejs')) {
      content = await ejs.render(source, values, { async: true, filename: path.join(root, rel) });
    } else if (rel.endsWith('.hbs')) {
      content = Handlebars.compile(source, { noEscape: true })(values); //@safe
    } else {
      content = source;
    }

    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, 'utf8'); //@vuln CWE-22
    written.push(targetRel);
  }
  return { outDir, files: written };
}

/** Live preview of a single snippet typed into the portal ("custom README"). */
export function renderSnippet(template: string, values: Values): string {
  return Handlebars.compile(template)(values); //@vuln CWE-1336
}

/** Same, for teams whose snippets are EJS (Helm NOTES.txt style). */
export function renderEjsSnippet(template: string, values: Values): string {
  return ejs.render(template, values); //@vuln CWE-1336|CWE-94
}
