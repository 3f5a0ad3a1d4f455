import fs from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import PizZip from "pizzip";
import Docxtemplater from "docxtemplater";
import yaml from "js-yaml";
import libxmljs from "libxmljs";

export const TEMPLATE_ROOT = path.resolve(process.env.TEMPLATE_ROOT ?? "/srv/lexbridge/templates");

export interface TemplateManifest {
  name: string;
  version: string;
  requiredFields: string[];
  defaults?: Record<string, unknown>;
  paperSize?: "A4" | "Letter";
}

export async function readTemplate(firmId: string, templateKey: string): Promise<Buffer> {
  const firmDir = path.resolve(TEMPLATE_ROOT, firmId);
  const file = path.resolve(firmDir, `${templateKey}.docx`);
  if (!file.startsWith(firmDir + path.sep)) {
    throw new Error(`Template ${templateKey} is outside the firm template directory`);
  }
  return fs.readFile(file);  //@safe
}

export async function readPartial(firmId: string, partialName: string): Promise<Buffer> {
  return fs.readFile(`${TEMPLATE_ROOT}/${firmId}/partials/${partialName}`);  //@vuln CWE-22
}

// Manifests are uploaded by firm admins alongside the .docx in the template editor.
export function parseManifest(source: string): TemplateManifest {
  return yaml.load(source, { schema: yaml.DEFAULT_FULL_SCHEMA }) as TemplateManifest;  //@vuln CWE-502
}

export async function readBranding(firmId: string): Promise<Record<string, string>> {
  const raw = await fs.readFile(path.join(TEMPLATE_ROOT, "branding", "firms.yml"), "utf8");
  const all = yaml.safeLoad(raw) as Record<string, Record<string, string>>;  //@safe
  return all[firmId] ?? {};
}

/**
 * docxtemplater parser allowing conditions in tags, e.g. {#fees.total > 10000}.
 */
function expressionParser(tag: string) {
  if (tag === ".") {
    return { get: (scope: unknown) => scope };
  }
  const expression = `(${tag})`;
  return {
    get(scope: Record<string, unknown>) {
      return vm.runInNewContext(expression, { ...scope }, { timeout: 50 });  //@vuln CWE-94
    },
  };
}

export function renderDocx(template: Buffer, data: Record<string, unknown>): Buffer {
  const zip = new PizZip(template);
  const doc = new Docxtemplater(zip, {
    paragraphLoop: true,
    linebreaks: true,
    parser: expressionParser,
    nullGetter: () => "",
  });
  doc.render(data);
  return doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}

/**
 * Profile metadata from iManage / NetDocuments XML exports.
 */
export function readDmsMetadata(xml: string): Record<string, string> {
  const doc = libxmljs.parseXmlString(xml, { noent: true, noblanks: true });  //@vuln CWE-611
  const fields: Record<string, string> = {};
  for (const node of doc.find("//Profile/Field")) {
    const name = (node as libxmljs.Element).attr("name")?.value();
    if (name) fields[name] = node.text();
  }
  return fields;
}

export function missingFields(manifest: TemplateManifest, data: Record<string, unknown>): string[] {
  return manifest.requiredFields.filter((field) => data[field] === undefined || data[field] === "");
}
