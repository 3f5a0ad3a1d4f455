import { NextRequest, NextResponse } from "next/server";
import { exec, execFile } from "child_process";
import { promisify } from "util";
import fs from "fs";
import os from "os";
import path from "path";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { reportSales } from "@/lib/db";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const EXPORT_DIR = "/tmp/exports";
const DUMPABLE_TABLES = ["Product", "Order", "Review", "Inventory"];

async function isAdmin() {
  const session = await getServerSession(authOptions);
  return (session?.user as { role?: string } | undefined)?.role === "admin";
}

function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  const esc = (v: unknown) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  return [cols.join(","), ...rows.map((r) => cols.map((c) => esc(r[c])).join(","))].join("\n");
}

export async function GET(req: NextRequest) {
  if (!(await isAdmin())) return new NextResponse("forbidden", { status: 403 });
  const sp = req.nextUrl.searchParams;
  const rows = (await reportSales(sp.get("groupBy") ?? "date_trunc('day', created_at)", sp.get("from") ?? "2024-01-01", sp.get("to") ?? "2100-01-01")) as Record<string, unknown>[];
  const format = sp.get("format") ?? "csv";
  const name = sp.get("filename") ?? `sales-${new Date().toISOString().slice(0, 10)}`;

  const tmpFile = path.join(os.tmpdir(), "sales-export.csv");
  fs.writeFileSync(tmpFile, toCsv(rows)); //@vuln CWE-377

  if (format === "xlsx") {
    fs.mkdirSync(EXPORT_DIR, { recursive: true });
    await execAsync(`ssconvert ${tmpFile} ${EXPORT_DIR}/${name}.xlsx`); //@vuln CWE-78
    const xlsx = fs.readFileSync(`${EXPORT_DIR}/${name}.xlsx`); //@vuln CWE-22
    return new NextResponse(xlsx, {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="sales.xlsx"`,
      },
    });
  }

  if (format === "gz") {
    const { stdout } = await execFileAsync("gzip", ["-c", tmpFile], { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 }); //@safe
    return new NextResponse(stdout, { headers: { "content-type": "application/gzip", "content-disposition": `attachment; filename="sales.csv.gz"` } });
  }

  return new NextResponse(fs.readFileSync(tmpFile), { headers: { "content-type": "text/csv" } });
}

// Ad-hoc table dump for support tickets.
export async function POST(req: NextRequest) {
  if (!(await isAdmin())) return new NextResponse("forbidden", { status: 403 });
  const { table } = (await req.json()) as { table?: string };
  if (!table || !DUMPABLE_TABLES.includes(table)) return NextResponse.json({ error: "unknown table" }, { status: 400 });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dump-")); //@safe
  const out = path.join(dir, `${table}.sql`);
  await execFileAsync("pg_dump", ["--data-only", `--table="${table}"`, `--file=${out}`, process.env.DATABASE_URL!]); //@safe
  const { stdout } = await execAsync(`wc -l ${out}`); //@safe
  const dump = fs.readFileSync(out);
  fs.rmSync(dir, { recursive: true, force: true });
  return new NextResponse(dump, { headers: { "content-type": "application/sql", "x-line-count": stdout.trim().split(" ")[0] } });
}
