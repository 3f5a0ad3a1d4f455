// Renders an invoice as HTML or PDF. Customers on the Business plan can supply their own template.
import _ from "npm:lodash@4.17.21";
import Handlebars from "npm:handlebars@4.7.8";
import { admin, json, requireUser, strictCorsHeaders } from "../_shared/clients.ts";
import { escapeHtml } from "../../../shared/objects.ts";

const LOCALES = new Set(["en-US", "en-GB", "de-DE", "fr-FR", "nl-NL"]);

interface RenderRequest {
  invoiceId: string;
  template?: string;
  locale?: string;
  paper?: string;
  footer?: string;
  format?: "html" | "pdf";
}

Deno.serve(async (req) => {
  const headers = strictCorsHeaders(req);
  if (req.method === "OPTIONS") return new Response("ok", { headers });

  let user;
  try {
    user = await requireUser(req);
  } catch (unauthorized) {
    return unauthorized as Response;
  }

  const body = (await req.json()) as RenderRequest;
  const locale = body.locale ?? "en-US";
  if (!LOCALES.has(locale)) {
    return new Response(`<p>Unsupported locale: ${locale}</p>`, { status: 400, headers: { ...headers, "Content-Type": "text/html" } }); //@vuln CWE-79
  }

  const { data: invoice, error } = await admin
    .from("invoices")
    .select("*, customer:customers(*), line_items(*)")
    .eq("id", body.invoiceId)
    .eq("owner_id", user.id)
    .single();
  if (error || !invoice) return json({ error: "invoice not found" }, 404, headers);

  const money = new Intl.NumberFormat(locale, { style: "currency", currency: invoice.currency ?? "EUR" });

  let html: string;
  if (body.template) {
    html = _.template(body.template)({ invoice, money }); //@vuln CWE-1336|CWE-94
  } else {
    const { data: file } = await admin.storage.from("templates").download("invoice/default.hbs");
    html = Handlebars.compile(await file!.text())({ invoice, total: money.format(invoice.total) }); //@safe
  }
  if (body.footer) html += `<footer>${escapeHtml(body.footer)}</footer>`;

  if (body.format !== "pdf") {
    return new Response(html, { headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  }

  const htmlPath = `/tmp/invoice-${invoice.number}.html`;
  await Deno.writeTextFile(htmlPath, html); //@vuln CWE-377
  const pdfPath = await Deno.makeTempFile({ prefix: "invoice-", suffix: ".pdf" }); //@safe

  const paper = body.paper ?? "A4";
  const render = new Deno.Command("sh", { args: ["-c", `wkhtmltopdf --quiet --page-size ${paper} ${htmlPath} ${pdfPath}`] }); //@vuln CWE-78
  const { code, stderr } = await render.output();
  if (code !== 0) {
    console.error(new TextDecoder().decode(stderr));
    return json({ error: "pdf rendering failed" }, 500, headers);
  }

  const pdf = await Deno.readFile(pdfPath);
  const key = `${user.id}/${invoice.id}`;
  await admin.storage.from("invoices").upload(`${key}.pdf`, pdf, { contentType: "application/pdf", upsert: true });
  const { data: signed } = await admin.storage.from("invoices").createSignedUrl(`${key}.pdf`, 600);

  await Promise.allSettled([Deno.remove(htmlPath), Deno.remove(pdfPath)]);
  return json({ url: signed?.signedUrl }, 200, headers);
});
