import fs from 'fs';
import path from 'path';
import Handlebars from 'handlebars';
import ejs from 'ejs';
import template from 'lodash/template';
import escapeHtml from 'escape-html';

export interface ReportRow {
  label: string | null;
  totalCents: number;
  budgetCents?: number;
  note?: string | null;
}

export interface ReportContext {
  title: string;
  month: string;
  currency: string;
  owner: { name: string; email: string };
  rows: ReportRow[];
}

export interface ReportBranding {
  headerTemplate?: string | null;
  footerTemplate?: string | null;
  accentColor?: string;
}

const layoutSource = fs.readFileSync(path.join(process.cwd(), 'templates', 'monthly-report.hbs'), 'utf8');
const layout = Handlebars.compile(layoutSource);  //@safe

Handlebars.registerHelper('money', (cents: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100),
);

function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

export function renderCategoryRow(row: ReportRow, currency: string): string {
  const label = row.label ?? 'Uncategorised';
  return `<tr><td>${escapeHtml(label)}</td><td class="num">${formatMoney(row.totalCents, currency)}</td></tr>`;  //@safe
}

export function renderNotesRow(row: ReportRow): string {
  if (!row.note) return '';
  return `<tr class="note"><td colspan="2">${row.label ?? ''}: ${row.note}</td></tr>`;  //@vuln CWE-79
}

/**
 * Premium users can brand their exported reports with their own header and footer,
 * written with the same placeholders as the in-app email templates.
 */
export function renderBrandedHeader(branding: ReportBranding, ctx: ReportContext): string {
  if (!branding.headerTemplate) {
    return `<header><h1>${escapeHtml(ctx.title)}</h1><p>${escapeHtml(ctx.month)}</p></header>`;
  }
  return ejs.render(branding.headerTemplate, { report: ctx, owner: ctx.owner });  //@vuln CWE-1336
}

export function renderBrandedFooter(branding: ReportBranding, ctx: ReportContext): string {
  const source = branding.footerTemplate ?? 'Prepared for <%- owner.name %> with Ledgerly';
  const compiled = template(source);  //@vuln CWE-1336
  return compiled({ owner: ctx.owner, month: ctx.month });
}

export function renderReportHtml(ctx: ReportContext, branding: ReportBranding = {}): string {
  const body = ctx.rows.map((row) => renderCategoryRow(row, ctx.currency) + renderNotesRow(row)).join('\n');
  return layout({
    header: new Handlebars.SafeString(renderBrandedHeader(branding, ctx)),
    footer: new Handlebars.SafeString(renderBrandedFooter(branding, ctx)),
    rows: new Handlebars.SafeString(body),
    accentColor: /^#[0-9a-f]{6}$/i.test(branding.accentColor ?? '') ? branding.accentColor : '#0f766e',
    title: ctx.title,
    month: ctx.month,
  });
}
