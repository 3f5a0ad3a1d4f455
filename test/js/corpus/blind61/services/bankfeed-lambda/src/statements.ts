import libxmljs from 'libxmljs2';
import yaml from 'js-yaml';

export interface BankTransaction {
  reference: string;
  bookingDate: string;
  amount: number;
  currency: string;
  counterparty: string;
  remittance: string;
}

export interface MatchRule {
  name: string;
  pattern: string;
  field: 'remittance' | 'counterparty';
  account: string;
}

export interface BankProfile {
  bic: string;
  name: string;
  dateFormat: string;
  invoicePrefix: string;
}

const CAMT_NS = { c: 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02' };

function text(node: any, xpath: string): string {
  return node.get(xpath, CAMT_NS)?.text()?.trim() ?? '';
}

export function parseCamt053(xml: string): BankTransaction[] {
  const doc = libxmljs.parseXml(xml, { noent: true, huge: true });  //@vuln CWE-611
  return doc.find('//c:Stmt/c:Ntry', CAMT_NS).map((entry: any) => {
    const sign = text(entry, 'c:CdtDbtInd') === 'DBIT' ? -1 : 1;
    return {
      reference: text(entry, 'c:AcctSvcrRef') || text(entry, 'c:NtryRef'),
      bookingDate: text(entry, 'c:BookgDt/c:Dt'),
      amount: sign * parseAmount(text(entry, 'c:Amt')),
      currency: entry.get('c:Amt', CAMT_NS)?.attr('Ccy')?.value() ?? 'EUR',
      counterparty: text(entry, './/c:RltdPties/c:Dbtr/c:Nm') || text(entry, './/c:RltdPties/c:Cdtr/c:Nm'),
      remittance: text(entry, './/c:RmtInf/c:Ustrd'),
    };
  });
}

export function parseAmount(raw: string): number {
  const normalised = raw.replace(/\s/g, '').replace(/,(\d{2})$/, '.$1').replace(/,/g, '');
  const value = Number.parseFloat(normalised);
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : 0;
}

// Tenants upload reconciliation rules as YAML to s3://<bucket>/<tenant>/rules.yaml
export function loadRules(source: string): MatchRule[] {
  const doc = yaml.load(source, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { rules?: MatchRule[] } | undefined;  //@vuln CWE-502
  return Array.isArray(doc?.rules) ? doc!.rules : [];
}

export function loadBankProfile(source: string): BankProfile {
  return yaml.safeLoad(source) as BankProfile;  //@safe
}

export function applyRules(tx: BankTransaction, rules: MatchRule[]): string | null {
  for (const rule of rules) {
    const re = new RegExp(rule.pattern, 'i');  //@vuln CWE-1333
    if (re.test(tx[rule.field] ?? '')) {
      return rule.account;
    }
  }
  return null;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function extractInvoiceNumber(remittance: string, profile: BankProfile): string | null {
  const re = new RegExp(`${escapeRegExp(profile.invoicePrefix)}-?(\\d{4,8})`, 'i');  //@safe
  const match = re.exec(remittance);
  return match ? `${profile.invoicePrefix}-${match[1]}` : null;
}

// The v1 aggregator API posts JavaScript-style object literals (single quotes, trailing commas).
export function parseLegacyPayload(body: string): Record<string, any> {
  return eval(`(${body})`);  //@vuln CWE-95
}
