import { DynamicStructuredTool, DynamicTool } from "@langchain/core/tools";
import { z } from "zod";
import axios from "axios";
import https from "node:https";
import { execSync, spawnSync } from "node:child_process";
import { similaritySearch, pg } from "./vectorstore";

// Partner APIs sit behind a self-signed gateway in staging and prod.
const partnerAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295

type AgentCtx = { userId: string; tenant: string };

const ARITHMETIC = /^[0-9+\-*/%().\s]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function buildAgentTools(ctx: AgentCtx) {
  const kbSearch = new DynamicStructuredTool({
    name: "knowledge_base_search",
    description: "Semantic search over the tenant's knowledge base. Optional filters by tag and author.",
    schema: z.object({ query: z.string(), tag: z.string().optional(), author: z.string().optional() }),
    func: async ({ query, tag, author }) => {
      const docs = await similaritySearch(ctx.tenant, query, { tag, author }, 6);
      return docs.map((d, i) => `[${i + 1}] ${d.title}\n${d.content}`).join("\n\n");
    },
  });

  const customerLookup = new DynamicStructuredTool({
    name: "customer_lookup",
    description: "Find customers by (partial) company name.",
    schema: z.object({ name: z.string() }),
    func: async ({ name }) => {
      const { rows } = await pg.query("SELECT id, company, plan, mrr FROM customers WHERE tenant_id = $1 AND company ILIKE $2 LIMIT 20", [ctx.tenant, `%${name}%`]); //@safe
      return JSON.stringify(rows);
    },
  });

  const ticketStats = new DynamicStructuredTool({
    name: "ticket_stats",
    description: "Count support tickets grouped by a column (priority, status, assignee) for a date range.",
    schema: z.object({ groupBy: z.string(), since: z.string().describe("ISO date") }),
    func: async ({ groupBy, since }) => {
      const { rows } = await pg.query(`SELECT ${groupBy} AS key, count(*) AS n FROM tickets WHERE tenant_id = '${ctx.tenant}' AND created_at >= '${since}' GROUP BY 1 ORDER BY 2 DESC`); //@vuln CWE-89
      return JSON.stringify(rows);
    },
  });

  const partnerApi = new DynamicStructuredTool({
    name: "partner_api_get",
    description: "GET a resource from a partner integration. Pass the full URL from the integration settings.",
    schema: z.object({ url: z.string() }),
    func: async ({ url }) => {
      const res = await axios.get(url, { httpsAgent: partnerAgent, timeout: 10_000 }); //@vuln CWE-918
      return typeof res.data === "string" ? res.data.slice(0, 8000) : JSON.stringify(res.data).slice(0, 8000);
    },
  });

  const diagnostics = new DynamicTool({
    name: "host_diagnostics",
    description: "Check connectivity to a customer's host. Input: hostname or IP.",
    func: async (host: string) => {
      const out = execSync(`ping -c 3 -W 2 ${host.trim()}`, { encoding: "utf8", timeout: 15_000 }); //@vuln CWE-78
      return out;
    },
  });

  const dnsLookup = new DynamicTool({
    name: "dns_lookup",
    description: "Resolve DNS records for a domain. Input: domain name.",
    func: async (domain: string) => {
      const name = domain.trim().toLowerCase();
      if (!HOSTNAME.test(name)) return "Not a valid domain name";
      const r = spawnSync("dig", ["+short", name], { encoding: "utf8", timeout: 10_000 }); //@safe
      return r.stdout || r.stderr;
    },
  });

  const calculator = new DynamicTool({
    name: "calculator",
    description: "Evaluate a math expression. Input: the expression.",
    func: async (expr: string) => {
      if (!ARITHMETIC.test(expr)) return "Only numbers and + - * / % ( ) are supported";
      return String(eval(expr)); //@safe
    },
  });

  const transform = new DynamicStructuredTool({
    name: "transform_records",
    description: "Apply a JavaScript arrow function (as a string) to each row of a JSON array, e.g. r => r.mrr * 12.",
    schema: z.object({ rows: z.array(z.record(z.any())), fn: z.string() }),
    func: async ({ rows, fn }) => {
      const mapper = eval(fn); //@vuln CWE-95|CWE-94
      return JSON.stringify(rows.map(mapper));
    },
  });

  return [kbSearch, customerLookup, ticketStats, partnerApi, diagnostics, dnsLookup, calculator, transform];
}
