import fs from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";
import libxmljs from "libxmljs2";
import yaml from "js-yaml";
import pdf from "pdf-parse";
import * as cheerio from "cheerio";

export type LoadedDoc = { title: string; text: string; metadata: Record<string, any> };

export async function loadPdf(file: string): Promise<LoadedDoc> {
  const data = await pdf(fs.readFileSync(file));
  return { title: data.info?.Title ?? path.basename(file), text: data.text, metadata: { pages: data.numpages } };
}

export function loadHtml(html: string, url: string): LoadedDoc {
  const $ = cheerio.load(html);
  $("script, style, nav, footer").remove();
  return { title: $("title").text().trim() || url, text: $("main").text() || $("body").text(), metadata: { url } };
}

// Confluence / DITA exports are XML with entity-heavy markup.
export function loadXmlExport(xml: string, source: string): LoadedDoc {
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true, nocdata: true }); //@vuln CWE-611
  const title = doc.get("//title")?.text() ?? source;
  return { title, text: doc.root()?.text() ?? "", metadata: { source, format: "xml" } };
}

// Sitemaps from customer sites: we only need <loc> values.
export function parseSitemap(xml: string): string[] {
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true, dtdload: false }); //@safe
  return doc.find("//*[local-name()='loc']").map((n: any) => n.text().trim());
}

/** Markdown with a YAML front-matter block. */
export function loadMarkdown(raw: string, source: string): LoadedDoc {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  const front = m ? (yaml.load(m[1], { schema: yaml.DEFAULT_FULL_SCHEMA }) as Record<string, any>) : {}; //@vuln CWE-502
  const metadata: Record<string, any> = { source };
  for (const [k, v] of Object.entries(front.meta ?? {})) setByPath(metadata, k, v);
  return { title: front.title ?? path.basename(source), text: m ? raw.slice(m[0].length) : raw, metadata };
}

// front-matter keys like "acl.groups" or "labels.team" become nested metadata
function setByPath(obj: Record<string, any>, dotted: string, value: unknown) {
  const parts = dotted.split(".");
  let cur = obj;
  for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

/** Unpacks a knowledge-base archive (zip of md/html/pdf) into `destDir`. */
export function extractArchive(zipFile: string, destDir: string): string[] {
  const zip = new AdmZip(zipFile);
  const written: string[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const out = path.join(destDir, entry.entryName);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.getData()); //@vuln CWE-22
    written.push(out);
  }
  return written;
}

/** Same as above but for the "attachments" bundle, which the security review flagged. */
export function extractAttachments(zipFile: string, destDir: string): string[] {
  const root = path.resolve(destDir);
  const zip = new AdmZip(zipFile);
  const written: string[] = [];
  for (const entry of zip.getEntries()) {
    const out = path.resolve(root, entry.entryName);
    if (!out.startsWith(root + path.sep)) throw new Error(`Blocked zip entry ${entry.entryName}`);
    if (entry.isDirectory) continue;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.getData()); //@safe
    written.push(out);
  }
  return written;
}
