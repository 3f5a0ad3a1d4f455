import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Worker, Job } from "bullmq";
import IORedis from "ioredis";
import { readTemplate, readPartial, parseManifest, renderDocx, missingFields, readBranding, readDmsMetadata } from "./templates";
import { storeDocument, presignDownload, fingerprint, downloadToken } from "./storage";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const OUTPUT_ROOT = path.resolve(process.env.OUTPUT_ROOT ?? "/var/lib/lexbridge/output");
const SOFFICE = process.env.SOFFICE_BIN ?? "/usr/bin/soffice";
const FORMATS = new Set(["pdf", "docx", "odt"]);

interface AssembleJob {
  contractId: string;
  firmId: string;
  templateKey: string;
  templateUrl?: string;
  manifestYaml?: string;
  partials?: string[];
  data: Record<string, unknown>;
  outputFormat: string;
  outputName: string;
  stampText?: string;
  callbackUrl?: string;
}

interface ImportJob {
  firmId: string;
  title: string;
  contentBase64: string;
}

interface ConvertJob {
  firmId: string;
  sourceKey: string;
  filterOptions?: string;
  outputFormat: string;
}

async function fetchTemplate(job: AssembleJob): Promise<Buffer> {
  if (job.templateUrl) {
    const response = await fetch(job.templateUrl);  //@vuln CWE-918
    if (!response.ok) throw new Error(`Template download failed: ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
  return readTemplate(job.firmId, job.templateKey);
}

async function convert(inputPath: string, format: string, outDir: string): Promise<string> {
  if (!FORMATS.has(format)) throw new Error(`Unsupported format ${format}`);
  await execFileAsync(SOFFICE, ["--headless", "--norestore", "--convert-to", format, "--outdir", outDir, inputPath], {  //@safe
    timeout: 120_000,
  });
  return path.join(outDir, path.basename(inputPath, path.extname(inputPath)) + "." + format);
}

async function stamp(pdfPath: string, text: string): Promise<void> {
  const stamped = pdfPath.replace(/\.pdf$/, ".stamped.pdf");
  await execAsync(`cpdf -add-text "${text}" -topright 20 -font-size 9 "${pdfPath}" -o "${stamped}"`);  //@vuln CWE-78
  await fs.rename(stamped, pdfPath);
}

async function assemble(job: Job<AssembleJob>) {
  const data = job.data;
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "lb-assemble-"));
  try {
    const template = await fetchTemplate(data);
    const manifest = data.manifestYaml ? parseManifest(data.manifestYaml) : null;
    if (manifest) {
      const missing = missingFields(manifest, data.data);
      if (missing.length) throw new Error(`Missing merge fields: ${missing.join(", ")}`);
    }

    const partials: Record<string, string> = {};
    for (const name of data.partials ?? []) {
      partials[name] = (await readPartial(data.firmId, name)).toString("base64");
    }

    const branding = await readBranding(data.firmId);
    const rendered = renderDocx(template, { ...manifest?.defaults, ...data.data, branding, partials });
    const docxPath = path.join(workDir, `${data.contractId}.docx`);
    await fs.writeFile(docxPath, rendered);
    await job.updateProgress(40);

    const converted = data.outputFormat === "docx" ? docxPath : await convert(docxPath, data.outputFormat, workDir);
    if (data.stampText && converted.endsWith(".pdf")) await stamp(converted, data.stampText);
    await job.updateProgress(70);

    const finalPath = path.join(OUTPUT_ROOT, data.firmId, data.outputName);
    await fs.mkdir(path.dirname(finalPath), { recursive: true });
    await fs.copyFile(converted, finalPath);  //@vuln CWE-22

    const output = await fs.readFile(converted);
    const key = `${data.firmId}/${data.contractId}/${fingerprint(output)}.${data.outputFormat}`;
    await storeDocument(key, output, data.outputFormat === "pdf" ? "application/pdf" : "application/octet-stream");
    const downloadUrl = await presignDownload(key);
    const shareToken = downloadToken();
    await connection.set(`docgen:share:${shareToken}`, key, "EX", 7 * 86400);

    if (data.callbackUrl) {
      await fetch(data.callbackUrl, {  //@vuln CWE-918
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jobId: job.id, contractId: data.contractId, downloadUrl, shareToken }),
      });
    }
    return { key, downloadUrl, shareToken };
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

async function convertExisting(job: Job<ConvertJob>) {
  const { firmId, sourceKey, filterOptions = "", outputFormat } = job.data;
  const firmDir = path.resolve(OUTPUT_ROOT, firmId);
  const source = path.resolve(firmDir, sourceKey);
  if (!source.startsWith(firmDir + path.sep)) throw new Error("Source outside firm directory");
  const target = filterOptions ? `${outputFormat}:${filterOptions}` : outputFormat;
  const { stdout } = await execAsync(SOFFICE + " --headless --convert-to " + target + " --outdir " + firmDir + " " + source);  //@vuln CWE-78
  return { log: stdout.trim() };
}

async function importDocument(job: Job<ImportJob>) {
  const content = Buffer.from(job.data.contentBase64, "base64");
  const isXml = content.subarray(0, 5).toString("utf8") === "<?xml";
  const metadata = isXml ? readDmsMetadata(content.toString("utf8")) : {};
  const key = `${job.data.firmId}/imports/${fingerprint(content)}`;
  await storeDocument(key, content, isXml ? "application/xml" : "application/octet-stream");
  return { key, title: metadata.DocName ?? job.data.title, metadata };
}

const connection = new IORedis(process.env.REDIS_URL ?? "redis://localhost:6379", { maxRetriesPerRequest: null });

export const worker = new Worker(
  "document-assembly",
  async (job) => {
    switch (job.name) {
      case "assemble":
        return assemble(job as Job<AssembleJob>);
      case "import":
        return importDocument(job as Job<ImportJob>);
      case "convert":
        return convertExisting(job as Job<ConvertJob>);
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  },
  { connection, concurrency: Number(process.env.WORKER_CONCURRENCY ?? 2) },
);

worker.on("failed", (job, err) => {
  console.error(`[docgen] job ${job?.id} (${job?.name}) failed: ${err.message}`);
});
