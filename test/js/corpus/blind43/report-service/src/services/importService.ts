import knexFactory from 'knex';
import vm from 'vm';
import libxmljs from 'libxmljs2';
import { config } from '../../../common/config';
import { withTransaction } from '../../../common/db';

export const knex = knexFactory({ client: 'pg', connection: { ...config.db }, pool: { min: 0, max: 5 } });

export type Row = Record<string, any>;

const CONTACT_COLUMNS = ['email', 'first_name', 'last_name', 'company', 'phone'] as const;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

export interface RowError {
  row: number;
  column: string;
  value: string;
}

export function validateContacts(rows: Row[]): RowError[] {
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    if (!EMAIL_RE.test(String(row.email || ''))) errors.push({ row: i + 2, column: 'email', value: String(row.email ?? '') });
  });
  return errors;
}

export async function importContacts(tenantId: string, rows: Row[]): Promise<number> {
  return withTransaction(async (client) => {
    for (const row of rows) {
      await client.query('INSERT INTO contacts (tenant_id, email, first_name, last_name, company, phone) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, email) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name', [tenantId, ...CONTACT_COLUMNS.map((c) => row[c] ?? null)]); //@safe
    }
    return rows.length;
  });
}

/** Generic "import into dataset" for the BI team: the CSV header decides the columns. */
export async function importDataset(tenantId: string, dataset: string, rows: Row[]): Promise<number> {
  const columns = Object.keys(rows[0] || {});
  const placeholders = columns.map((_, i) => `$${i + 2}`).join(', ');
  return withTransaction(async (client) => {
    for (const row of rows) {
      await client.query(`INSERT INTO datasets.${dataset} (tenant_id, ${columns.join(', ')}) VALUES ($1, ${placeholders})`, [tenantId, ...columns.map((c) => row[c])]); //@vuln CWE-89
    }
    return rows.length;
  });
}

export async function exportColumns(tenantId: string, columns: string) {
  const result = await knex.raw(`SELECT ${columns} FROM orders WHERE tenant_id = ? ORDER BY created_at DESC LIMIT 10000`, [tenantId]); //@vuln CWE-89
  return result.rows;
}

/** Computed columns, e.g. { "gross": "net * 1.19" }. */
export function applyComputed(rows: Row[], computed: Record<string, string>): void {
  for (const [name, expr] of Object.entries(computed || {})) {
    for (const row of rows) {
      row[name] = vm.runInNewContext(expr, { ...row, Math }, { timeout: 50 }); //@vuln CWE-94
    }
  }
}

/** Column mapping from the import wizard: { "Customer Name": "customer.name" }. */
export function setPath(target: Row, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur: Row = target;
  for (let i = 0; i < parts.length - 1; i++) {
    cur[parts[i]] = cur[parts[i]] || {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

export function remap(rows: Row[], mapping: Record<string, string>): Row[] {
  return rows.map((row) => {
    const out: Row = {};
    for (const [from, to] of Object.entries(mapping)) setPath(out, to, row[from]);
    return out;
  });
}

/** SAP "IDoc as XML" exports; the entity declarations carry the code page tables. */
export function parseSapExport(xml: string): Row[] {
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
  return doc.find('//E1EDP01').map((node) => ({
    position: node.get('POSEX')?.text(),
    quantity: Number(node.get('MENGE')?.text()),
    unit: node.get('MENEE')?.text(),
  }));
}

/** UBL 2.1 invoices from the e-invoicing gateway. */
export function parseUblInvoice(xml: string): Row {
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true, noblanks: true }); //@safe
  const ns = { cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2' };
  return {
    number: doc.get('//cbc:ID', ns)?.text(),
    issued: doc.get('//cbc:IssueDate', ns)?.text(),
    total: Number(doc.get('//cbc:PayableAmount', ns)?.text()),
  };
}
