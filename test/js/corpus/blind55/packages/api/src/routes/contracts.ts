import fs from "node:fs";
import path from "node:path";
import Router from "@koa/router";
import axios from "axios";
import { Queue } from "bullmq";
import IORedis from "ioredis";
import { requireUser, requireRole, SessionUser } from "../auth";
import { config } from "../config";
import * as contracts from "../repositories/contractRepository";
import { deepMerge, setField, evaluateFormula, renderCoverNote, escapeHtml, FieldMap } from "../services/mergeFields";
import { sendMail } from "../services/mailer";

const router = new Router({ prefix: "/api/contracts" });
const assemblyQueue = new Queue("document-assembly", {
  connection: new IORedis(config.redisUrl, { maxRetriesPerRequest: null }),
});

router.use(requireUser);

function currentUser(ctx: { state: { user: SessionUser } }): SessionUser {
  return ctx.state.user;
}

router.get("/", async (ctx) => {
  const { q, status, counterparty, sort, direction } = ctx.query as Record<string, string | undefined>;
  ctx.body = await contracts.searchContracts(currentUser(ctx).firmId, { q, status, counterparty, sort, direction });
});

router.get("/expiring", async (ctx) => {
  ctx.body = await contracts.contractsExpiringWithin(currentUser(ctx).firmId, String(ctx.query.days ?? "30"));
});

router.get("/reports/clause-usage", requireRole("partner", "admin"), async (ctx) => {
  const groupBy = typeof ctx.query.groupBy === "string" ? ctx.query.groupBy : "clause_category";
  ctx.body = await contracts.clauseUsageReport(currentUser(ctx).firmId, groupBy);
});

router.get("/matters/:matterNumber/invoices", async (ctx) => {
  ctx.body = await contracts.invoicesForMatter(ctx.params.matterNumber);
});

router.get("/matters/:matterId/timeline", async (ctx) => {
  const { from = "1970-01-01", to = new Date().toISOString() } = ctx.query as Record<string, string>;
  ctx.body = await contracts.matterTimeline(ctx.params.matterId, from, to);
});

router.post("/bulk-status", requireRole("partner", "admin"), async (ctx) => {
  const { ids, status } = ctx.request.body as { ids: string[]; status: string };
  await contracts.bulkUpdateStatus(currentUser(ctx).firmId, ids, status);
  ctx.status = 204;
});

router.get("/:id/attachments/:fileName", async (ctx) => {
  const contract = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
  const filePath = path.join(config.storageRoot, contract.firmId, contract.id, ctx.params.fileName);
  ctx.attachment(ctx.params.fileName);
  ctx.body = fs.createReadStream(filePath);  //@vuln CWE-22
});

router.get("/:id/exports/:fileName", async (ctx) => {
  const user = currentUser(ctx);
  const exportsDir = path.resolve(config.storageRoot, "exports", user.firmId);
  const target = path.resolve(exportsDir, ctx.params.fileName);
  if (!target.startsWith(exportsDir + path.sep)) ctx.throw(400, "Invalid export name");
  ctx.attachment(path.basename(target));
  ctx.body = fs.createReadStream(target);  //@safe
});

router.post("/import", async (ctx) => {
  const { sourceUrl, title } = ctx.request.body as { sourceUrl: string; title: string };
  const response = await axios.get<ArrayBuffer>(sourceUrl, { responseType: "arraybuffer", timeout: 15_000 });  //@vuln CWE-918
  const job = await assemblyQueue.add("import", {
    firmId: currentUser(ctx).firmId,
    title,
    contentBase64: Buffer.from(response.data).toString("base64"),
  });
  ctx.body = { jobId: job.id };
});

router.post("/import/linked", async (ctx) => {
  const { fileUrl } = ctx.request.body as { fileUrl: string };
  const url = new URL(fileUrl);
  const trusted =
    url.protocol === "https:" &&
    config.allowedImportHosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
  if (!trusted) ctx.throw(400, "Imports are limited to connected document stores");
  const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(15_000) });  //@safe
  ctx.body = { size: Number(response.headers.get("content-length") ?? 0) };
});

router.patch("/:id/metadata", async (ctx) => {
  const contract = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
  const metadata = deepMerge({ ...(contract.metadata ?? {}) }, ctx.request.body as FieldMap);
  await contract.$query().patch({ metadata });
  ctx.body = metadata;
});

router.put("/:id/fields", async (ctx) => {
  const contract = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
  const { path: fieldPath, value } = ctx.request.body as { path: string; value: unknown };
  const metadata = setField({ ...(contract.metadata ?? {}) }, fieldPath, value);
  await contract.$query().patch({ metadata });
  ctx.body = metadata;
});

router.post("/:id/computed-fields", async (ctx) => {
  const contract = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
  const { formula } = ctx.request.body as { formula: string };
  const numeric = Object.fromEntries(
    Object.entries(contract.metadata ?? {}).filter(([, v]) => typeof v === "number"),
  ) as Record<string, number>;
  ctx.body = { value: evaluateFormula(formula, numeric) };
});

router.post("/:id/send-draft", async (ctx) => {
  const contract = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
  const { recipient, coverNote } = ctx.request.body as { recipient: string; coverNote: string };
  const text = renderCoverNote(coverNote, { contract, sender: currentUser(ctx) });
  await sendMail(recipient, `Draft: ${contract.title}`, text);
  await assemblyQueue.add("assemble", {
    contractId: contract.id,
    firmId: contract.firmId,
    templateKey: String(contract.metadata.templateKey ?? "default"),
    outputFormat: "pdf",
    outputName: `${contract.matterNumber}-draft.pdf`,
  });
  ctx.status = 202;
});

router.get("/:id/print", async (ctx) => {
  const contract = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
  const heading = typeof ctx.query.heading === "string" ? ctx.query.heading : contract.title;
  ctx.type = "html";
  const page = `<!doctype html><html><head><title>${escapeHtml(contract.title)}</title></head>
<body><h1>${heading}</h1><p>Counterparty: ${escapeHtml(contract.counterparty)}</p></body></html>`;
  ctx.body = page;  //@vuln CWE-79
});

router.get("/:id/summary.html", async (ctx) => {
  const contract = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
  const note = typeof ctx.query.note === "string" ? ctx.query.note : "";
  ctx.type = "html";
  ctx.body = `<section><h2>${escapeHtml(contract.title)}</h2><p class="note">${escapeHtml(note)}</p></section>`;  //@safe
});

router.get("/:id", async (ctx) => {
  ctx.body = await contracts.findContract(currentUser(ctx).firmId, ctx.params.id);
});

export default router;
