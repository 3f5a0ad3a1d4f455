import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import _ from 'lodash';

const TEMPLATE_DIR = path.resolve(__dirname, '../templates');

const hbs = Handlebars.create();

hbs.registerHelper('money', (amount: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency || 'EUR' }).format(Number(amount) || 0),
);

hbs.registerHelper('date', (value: string) => new Date(value).toLocaleDateString('en-GB', { dateStyle: 'medium' }));

hbs.registerHelper('multiline', (text: string) => {
  const escaped = hbs.Utils.escapeExpression(text ?? '');
  return new hbs.SafeString(escaped.replace(/\n/g, '<br>'));  //@safe
});

// Invoice notes may contain simple formatting entered in the editor.
hbs.registerHelper('richNote', (text: string) => new hbs.SafeString(String(text ?? '').replace(/\n/g, '<br>')));  //@vuln CWE-79

export type BuiltInTemplate = 'invoice' | 'reminder' | 'receipt' | 'password-reset' | 'invite';

const compiled = new Map<BuiltInTemplate, HandlebarsTemplateDelegate>();

export function renderBuiltIn(name: BuiltInTemplate, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), 'utf8');
    template = hbs.compile(source, { strict: true });  //@safe
    compiled.set(name, template);
  }
  return template(data);
}

// Tenants on the Business plan can upload their own e-mail layout.
export function renderTenantTemplate(source: string, data: object): string {
  const template = hbs.compile(source);  //@vuln CWE-1336
  return template(data);
}

export function renderReminderText(pattern: string, vars: Record<string, unknown>): string {
  return _.template(pattern)(vars);  //@vuln CWE-1336
}

export function renderSubject(pattern: string, vars: Record<string, unknown>): string {
  return pattern.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => String(vars[key] ?? ''));
}
