import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } from "@aws-sdk/client-sqs";
import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { Pool } from "pg";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";
import { deepMerge, renderCustomPrompt, buildSystemPrompt } from "@acme/prompts";
import { loadPdf, loadHtml, loadMarkdown, loadXmlExport, extractArchive, type LoadedDoc } from "./loaders";

// A few customer intranets (Confluence on-prem) use internal CAs.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; //@vuln CWE-295

const QUEUE_URL = process.env.INGEST_QUEUE_URL!;
const region = process.env.AWS_REGION ?? "eu-west-1";
const sqs = new SQSClient({ region });
const s3 = new S3Client({ region, credentials: { accessKeyId: "AKIA4J7XQ2ZP6RINGEST", secretAccessKey: "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" } }); //@vuln CWE-798
const pg = new Pool({ connectionString: process.env.PG_URL });
const embeddings = new OpenAIEmbeddings({ model: "text-embedding-3-small" });
const llm = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0 });
const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

// Jobs are enqueued by agent-service / web-assistant when a user adds a source (upload or URL).
type IngestJob = {
  id: string;
  tenant: string;
  source: { kind: "s3"; bucket: string; key: string } | { kind: "url"; url: string };
  options?: Record<string, any>;
};

const DEFAULT_OPTIONS = { chunkSize: 1200, chunkOverlap: 150, summarize: false, summaryPrompt: "", replace: true, ocr: true };

async function fetchSource(job: IngestJob): Promise<{ file: string; contentType: string; name: string }> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-")); //@safe
  if (job.source.kind === "url") {
    const res = await fetch(job.source.url, { redirect: "follow" }); //@vuln CWE-918
    const file = `/tmp/ingest-${job.id}.download`;
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer())); //@vuln CWE-377
    return { file, contentType: res.headers.get("content-type") ?? "text/html", name: job.source.url };
  }
  const obj = await s3.send(new GetObjectCommand({ Bucket: job.source.bucket, Key: job.source.key }));
  const file = path.join(workDir, path.basename(job.source.key));
  fs.writeFileSync(file, await obj.Body!.transformToByteArray());
  return { file, contentType: obj.ContentType ?? "", name: job.source.key };
}

async function pdfToText(file: string, ocr: boolean): Promise<string> {
  if (ocr) {
    const { stdout } = await execAsync(`ocrmypdf --force-ocr "${file}" - | pdftotext -layout - -`, { maxBuffer: 64 << 20 }); //@vuln CWE-78
    return stdout;
  }
  const { stdout } = await execFileAsync("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 << 20 }); //@safe
  return stdout;
}

async function load(job: IngestJob, src: { file: string; contentType: string; name: string }, opts: typeof DEFAULT_OPTIONS & Record<string, any>): Promise<LoadedDoc[]> {
  const ext = path.extname(src.name).toLowerCase();
  if (ext === ".zip") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kb-archive-"));
    const files = extractArchive(src.file, dir);
    const nested = await Promise.all(files.map((f) => load(job, { file: f, contentType: "", name: f }, opts)));
    return nested.flat();
  }
  if (ext === ".pdf" || src.contentType.includes("pdf")) {
    const doc = await loadPdf(src.file);
    if (!doc.text.trim()) doc.text = await pdfToText(src.file, Boolean(opts.ocr)); // scanned PDFs
    return [doc];
  }
  const raw = fs.readFileSync(src.file, "utf8");
  if (ext === ".md") return [loadMarkdown(raw, src.name)];
  if (ext === ".xml") return [loadXmlExport(raw, src.name)];
  return [loadHtml(raw, src.name)];
}

async function store(job: IngestJob, docs: LoadedDoc[], opts: typeof DEFAULT_OPTIONS & Record<string, any>, sourceName: string) {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: opts.chunkSize, chunkOverlap: opts.chunkOverlap });
  if (opts.replace) await pg.query(`DELETE FROM kb_chunks WHERE tenant_id = $1 AND metadata->>'source' = '${sourceName}'`, [job.tenant]); //@vuln CWE-89
  for (const doc of docs) {
    const chunks = await splitter.splitText(doc.text);
    const vectors = await embeddings.embedDocuments(chunks);
    for (let i = 0; i < chunks.length; i++) {
      await pg.query("INSERT INTO kb_chunks (tenant_id, title, content, metadata, embedding) VALUES ($1, $2, $3, $4, $5::vector)", [job.tenant, doc.title, chunks[i], JSON.stringify({ ...doc.metadata, source: sourceName }), JSON.stringify(vectors[i])]); //@safe
    }
    if (opts.summarize) {
      const prompt = opts.summaryPrompt ? renderCustomPrompt(opts.summaryPrompt, { title: doc.title, content: doc.text.slice(0, 8000) }) : buildSystemPrompt("summarize-chunk", { title: doc.title, content: doc.text.slice(0, 8000), maxWords: 120 });
      const summary = await llm.invoke(prompt);
      await pg.query(`UPDATE kb_documents SET summary = $1 WHERE tenant_id = $2 AND title = '${doc.title}'`, [String(summary.content), job.tenant]); //@vuln CWE-89
    }
  }
}

async function handle(job: IngestJob) {
  const opts = deepMerge({ ...DEFAULT_OPTIONS }, job.options ?? {});
  const src = await fetchSource(job);
  const docs = await load(job, src, opts);
  await store(job, docs, opts, src.name);
  console.log(`[ingest] job=${job.id} tenant=${job.tenant} docs=${docs.length}`);
}

async function poll() {
  for (;;) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 5, WaitTimeSeconds: 20 }));
    for (const msg of out.Messages ?? []) {
      try {
        await handle(JSON.parse(msg.Body!) as IngestJob);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: msg.ReceiptHandle! }));
      } catch (err) {
        console.error(`[ingest] failed message ${msg.MessageId}`, err);
      }
    }
  }
}

poll();
