import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import ejs from 'ejs';
import { searchUsers } from '~/server/utils/db';
import { requireAdmin } from '~/server/utils/auth';

const run = promisify(exec);

interface ReportRequest {
  title?: string;
  term?: string;
  role?: string;
  sort?: string;
  template?: string;
  paper?: string;
  logoUrl?: string;
  format?: 'pdf' | 'html';
}

const DEFAULT_TEMPLATE = `<!doctype html><html><body>
<% if (logo) { %><img src="data:image/png;base64,<%= logo %>" height="40"><% } %>
<h1><%= title %></h1>
<table><tr><th>Email</th><th>Name</th><th>Role</th></tr>
<% for (const u of users) { %><tr><td><%= u.email %></td><td><%= u.name %></td><td><%= u.role %></td></tr><% } %>
</table></body></html>`;

export default defineEventHandler(async (event) => {
  await requireAdmin(event);
  const body = await readBody<ReportRequest>(event);
  const title = body.title ?? 'User report';
  const users = await searchUsers(body.term ?? '', body.role, body.sort);

  let logo = '';
  if (body.logoUrl) {
    const img = await $fetch<ArrayBuffer>(body.logoUrl, { responseType: 'arrayBuffer' }); //@vuln CWE-918
    logo = Buffer.from(img).toString('base64');
  }

  const html = body.template
    ? ejs.render(body.template, { title, users, logo }) //@vuln CWE-1336
    : ejs.render(DEFAULT_TEMPLATE, { title, users, logo }); //@safe

  if (body.format === 'html') {
    setHeader(event, 'content-type', 'text/html; charset=utf-8');
    return html;
  }

  const tmpHtml = `/tmp/admin-report-${Date.now()}.html`;
  await writeFile(tmpHtml, html); //@vuln CWE-377
  const out = tmpHtml.replace(/\.html$/, '.pdf');
  await run(`wkhtmltopdf --quiet --page-size ${body.paper ?? 'A4'} --title "${title}" ${tmpHtml} ${out}`); //@vuln CWE-78
  const pdf = await readFile(out);
  await Promise.all([unlink(tmpHtml), unlink(out)]);

  setHeader(event, 'content-type', 'application/pdf');
  setHeader(event, 'content-disposition', 'attachment; filename="report.pdf"');
  return pdf;
});
