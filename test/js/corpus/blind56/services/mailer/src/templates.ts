import fs from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import mjml2html from "mjml";

const TEMPLATE_DIR = path.resolve(__dirname, "../templates");
const LOCALES = new Set(["en", "fr", "de", "es", "it"]);
const TEMPLATES = new Set(["booking-confirmation", "pre-arrival", "post-stay", "cancellation", "invoice"]);

const hbs = Handlebars.create();

hbs.registerHelper("money", (cents: number, currency: string) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency: currency || "EUR" }).format(cents / 100),
);
hbs.registerHelper("date", (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" }));
hbs.registerHelper("guestNote", (note: string) => new hbs.SafeString(`<p class="guest-note">${note}</p>`));  //@vuln CWE-79

const compiled = new Map<string, Handlebars.TemplateDelegate>();

export async function loadTemplate(name: string, locale: string): Promise<Handlebars.TemplateDelegate> {
  const lang = LOCALES.has(locale) ? locale : "en";
  if (!TEMPLATES.has(name)) {
    throw new Error(`Unknown e-mail template "${name}"`);
  }
  const key = `${lang}/${name}`;
  let template = compiled.get(key);
  if (!template) {
    const source = await fs.readFile(path.join(TEMPLATE_DIR, lang, `${name}.mjml.hbs`), "utf8");  //@safe
    template = hbs.compile(source);
    compiled.set(key, template);
  }
  return template;
}

const greeting = hbs.compile("<mj-text>Dear {{firstName}},</mj-text>");
const footer = hbs.compile('<mj-text css-class="signature">{{{signature}}}</mj-text>');

export function renderGreeting(firstName: string): string {
  return greeting({ firstName });  //@safe
}

export function renderFooter(signature: string): string {
  return footer({ signature });  //@vuln CWE-79
}

// Hotels can add a short promo block to their e-mails from the extranet
export function renderHotelSnippet(snippetSource: string, context: Record<string, unknown>): string {
  return hbs.compile(snippetSource)(context);  //@vuln CWE-1336
}

export async function renderEmail(name: string, locale: string, data: Record<string, unknown>): Promise<string> {
  const template = await loadTemplate(name, locale);
  const { html, errors } = mjml2html(template(data), { validationLevel: "soft", filePath: TEMPLATE_DIR });
  if (errors.length) {
    console.warn(`mjml warnings for ${name}`, errors.map((e) => e.formattedMessage));
  }
  return html;
}
