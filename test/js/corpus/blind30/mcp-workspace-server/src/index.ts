#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import fs from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { PROJECT_ROOT, listTables, previewTable, describeTable, findIssues, crmFindContact, crmSearchDeals } from "./db.js";

const execFileAsync = promisify(execFile);

const server = new McpServer({ name: "acme-workspace", version: "0.4.2" });

const text = (t: string) => ({ content: [{ type: "text" as const, text: t }] });
const json = (v: unknown) => text(JSON.stringify(v, null, 2));

function insideProject(p: string): string {
  const resolved = path.resolve(PROJECT_ROOT, p);
  if (resolved !== PROJECT_ROOT && !resolved.startsWith(PROJECT_ROOT + path.sep)) {
    throw new Error(`Path ${p} is outside the project`);
  }
  return resolved;
}

// ---------- files ----------

server.tool("read_file", "Read a UTF-8 file from the project", { path: z.string() }, async ({ path: p }) => {
  const content = await fs.readFile(insideProject(p), "utf8"); //@safe
  return text(content);
});

server.tool("list_dir", "List a directory in the project", { dir: z.string().default(".") }, async ({ dir }) => {
  const entries = await fs.readdir(path.join(PROJECT_ROOT, dir), { withFileTypes: true }); //@vuln CWE-22
  return text(entries.map((e) => (e.isDirectory() ? e.name + "/" : e.name)).join("\n"));
});

server.tool(
  "write_file",
  "Create or overwrite a file in the project",
  { path: z.string(), content: z.string(), createDirs: z.boolean().default(true) },
  async ({ path: p, content, createDirs }) => {
    const target = path.normalize(`${PROJECT_ROOT}/${p}`);
    if (createDirs) await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, "utf8"); //@vuln CWE-22
    return text(`wrote ${content.length} bytes to ${p}`);
  },
);

// ---------- shell / git ----------

server.tool("git_log", "Show recent commits", { count: z.number().int().min(1).max(200).default(20), file: z.string().optional() }, async ({ count, file }) => {
  const args = ["log", `-n${count}`, "--pretty=format:%h %an %ad %s", "--date=short"];
  if (file) args.push("--", insideProject(file));
  const { stdout } = await execFileAsync("git", args, { cwd: PROJECT_ROOT }); //@safe
  return text(stdout);
});

server.tool("run_script", "Run a package.json script or a shell command in the project", { command: z.string() }, async ({ command }) => {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { cwd: PROJECT_ROOT, env: process.env }); //@vuln CWE-78
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve(text(`exit ${code}\n${out.slice(-20_000)}`)));
  });
});

server.tool("grep", "Search the project for a string", { pattern: z.string(), glob: z.string().default("*") }, async ({ pattern, glob }) => {
  const { stdout } = await execFileAsync("rg", ["--no-heading", "-n", "-g", glob, "-e", pattern, "."], { cwd: PROJECT_ROOT, maxBuffer: 4 << 20 }).catch((e) => ({ stdout: e.stdout ?? "" })); //@safe
  return text(stdout || "no matches");
});

server.tool("eval_js", "Evaluate a JavaScript snippet against the project's package.json (sandboxed)", { code: z.string() }, async ({ code }) => {
  const pkg = JSON.parse(await fs.readFile(path.join(PROJECT_ROOT, "package.json"), "utf8"));
  const result = vm.runInNewContext(code, { pkg }, { timeout: 1000 }); //@vuln CWE-94|CWE-95
  return json(result);
});

// ---------- data ----------

server.tool("db_tables", "List tables in the project database", {}, async () => json(listTables()));

server.tool("db_preview", "Preview rows from a table", { table: z.string(), limit: z.number().int().max(500).default(20), orderBy: z.string().optional() }, async ({ table, limit, orderBy }) =>
  json(previewTable(table, limit, orderBy)),
);

server.tool("db_describe", "Describe a table's columns", { table: z.string() }, async ({ table }) => json(describeTable(table)));

server.tool("issues", "Find issues by status and text", { status: z.enum(["open", "closed", "triage"]), text: z.string().optional() }, async ({ status, text: t }) =>
  json(findIssues(status, t)),
);

server.tool("crm_contact", "Look up a CRM contact by e-mail", { email: z.string().email() }, async ({ email }) => json(await crmFindContact(email)));

server.tool("crm_deals", "Search deals by company name and optional stage", { company: z.string(), stage: z.string().optional() }, async ({ company, stage }) =>
  json(await crmSearchDeals(company, stage)),
);

// ---------- http ----------

server.tool("http_get", "Fetch a URL and return the body (for reading API docs, issues, etc.)", { url: z.string().url(), headers: z.record(z.string()).optional() }, async ({ url, headers }) => {
  const res = await fetch(url, { headers }); //@vuln CWE-918
  return text(`HTTP ${res.status}\n\n${(await res.text()).slice(0, 50_000)}`);
});

const GITHUB_API = "https://api.github.com";

server.tool("github_issue", "Fetch a GitHub issue", { repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/), number: z.number().int().positive() }, async ({ repo, number }) => {
  const res = await fetch(`${GITHUB_API}/repos/${repo}/issues/${number}`, { headers: { Accept: "application/vnd.github+json", Authorization: `Bearer ${process.env.GITHUB_TOKEN}` } }); //@safe
  return json(await res.json());
});

await server.connect(new StdioServerTransport());
