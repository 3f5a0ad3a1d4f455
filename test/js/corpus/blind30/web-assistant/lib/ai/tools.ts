import { tool } from "ai";
import { z } from "zod";
import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import path from "node:path";
import { config } from "../config";
import { prisma, searchOrders, getOrder, tagConversation } from "../db";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export type ToolSession = {
  userId: string;
  customerId: string;
  conversationId: string;
  workspaceId: string;
  role: "member" | "admin";
};

function workspaceDir(session: ToolSession) {
  return path.join(config.workspaceRoot, session.workspaceId);
}

function truncate(text: string, max = 12_000) {
  return text.length > max ? text.slice(0, max) + "\n…[truncated]" : text;
}

export function buildTools(session: ToolSession) {
  return {
    listOrders: tool({
      description: "List the current customer's recent orders, optionally filtered by status.",
      parameters: z.object({
        status: z.string().optional().describe("pending | paid | shipped | refunded"),
        sort: z.string().optional().describe("column to sort by"),
      }),
      execute: async ({ status, sort }) => searchOrders(session.customerId, status, sort),
    }),

    getOrder: tool({
      description: "Look up a single order by its order number.",
      parameters: z.object({ orderNumber: z.string() }),
      execute: async ({ orderNumber }) => getOrder(session.customerId, orderNumber),
    }),

    analyticsQuery: tool({
      description: "Run a read-only SQL query against the analytics replica to answer reporting questions.",
      parameters: z.object({ sql: z.string().describe("A single PostgreSQL SELECT statement") }),
      execute: async ({ sql }) => {
        if (!/^\s*select/i.test(sql)) return { error: "Only SELECT statements are allowed" };
        const rows = await prisma.$queryRawUnsafe(sql); //@vuln CWE-89
        return { rows: (rows as unknown[]).slice(0, 100) };
      },
    }),

    tagConversation: tool({
      description: "Attach a short topic tag to the current conversation.",
      parameters: z.object({ tag: z.string().max(40) }),
      execute: async ({ tag }) => {
        await tagConversation(session.conversationId, tag);
        return { ok: true };
      },
    }),

    fetchUrl: tool({
      description: "Fetch a web page the user mentions and return its text content.",
      parameters: z.object({ url: z.string().url() }),
      execute: async ({ url }) => {
        const res = await fetch(url, { redirect: "follow", headers: { "User-Agent": "AcmeAssistant/1.0" } }); //@vuln CWE-918
        const body = await res.text();
        return { status: res.status, text: truncate(body.replace(/<[^>]+>/g, " ")) };
      },
    }),

    searchDocs: tool({
      description: "Fetch a page from the Acme product documentation.",
      parameters: z.object({ url: z.string().url() }),
      execute: async ({ url }) => {
        const target = new URL(url);
        if (target.protocol !== "https:" || !config.docsHosts.includes(target.hostname)) {
          return { error: `Only ${config.docsHosts.join(", ")} can be fetched` };
        }
        const res = await fetch(target.toString(), { redirect: "error" }); //@safe
        return { text: truncate(await res.text()) };
      },
    }),

    billingLookup: tool({
      description: "Fetch invoice details. Accepts an invoice id or the invoice link from a billing e-mail.",
      parameters: z.object({ invoice: z.string().describe("INV-1042 or https://billing.../invoices/INV-1042") }),
      execute: async ({ invoice }) => {
        const url = invoice.startsWith("http") ? invoice : `${config.billing.baseUrl}/invoices/${encodeURIComponent(invoice)}`;
        const res = await fetch(url, { headers: { Authorization: `Bearer ${config.billing.apiToken}` } }); //@vuln CWE-918
        return res.json();
      },
    }),

    readFile: tool({
      description: "Read a file from the user's workspace.",
      parameters: z.object({ filePath: z.string() }),
      execute: async ({ filePath }) => {
        const content = await fs.readFile(path.join(workspaceDir(session), filePath), "utf8"); //@vuln CWE-22
        return { content: truncate(content) };
      },
    }),

    readSnippet: tool({
      description: "Read a line range from a file in the workspace.",
      parameters: z.object({ filePath: z.string(), from: z.number().int(), to: z.number().int() }),
      execute: async ({ filePath, from, to }) => {
        const root = path.resolve(workspaceDir(session));
        const resolved = path.resolve(root, filePath);
        if (!resolved.startsWith(root + path.sep)) return { error: "Path escapes workspace" };
        const content = await fs.readFile(resolved, "utf8"); //@safe
        return { content: content.split("\n").slice(from - 1, to).join("\n") };
      },
    }),

    gitCommand: tool({
      description: "Run a git command in the workspace repository (status, log, diff, show).",
      parameters: z.object({ args: z.string().describe("arguments after `git`") }),
      execute: async ({ args }) => {
        const { stdout, stderr } = await execAsync(`git ${args}`, { cwd: workspaceDir(session), timeout: 15_000 }); //@vuln CWE-78
        return { output: truncate(stdout || stderr) };
      },
    }),

    runTests: tool({
      description: "Run the workspace test-suite, optionally filtered by test name.",
      parameters: z.object({ grep: z.string().optional() }),
      execute: async ({ grep }) => {
        const args = ["test", "--", "--reporter=dot"];
        if (grep) args.push("-t", grep);
        const { stdout } = await execFileAsync("npm", args, { cwd: workspaceDir(session), timeout: 120_000 }); //@safe
        return { output: truncate(stdout) };
      },
    }),

    calculate: tool({
      description: "Evaluate an arithmetic expression exactly, e.g. for totals or VAT.",
      parameters: z.object({ expression: z.string() }),
      execute: async ({ expression }) => {
        const result = new Function(`return (${expression});`)(); //@vuln CWE-94|CWE-95
        return { result: String(result) };
      },
    }),
  };
}
