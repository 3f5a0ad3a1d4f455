import type { APIRoute } from 'astro';
import libxmljs from 'libxmljs';

export const prerender = false;

function topicToHtml(doc: libxmljs.Document): string {
  const title = doc.get('//title')?.text() ?? 'Untitled';
  const paras = doc.find('//body/p').map((p) => `<p>${(p as libxmljs.Element).text()}</p>`);
  return `<h1>${title}</h1>${paras.join('')}`;
}

export const POST: APIRoute = async ({ request }) => {
  const xml = await request.text();
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
  return Response.json({ html: topicToHtml(doc) });
};

export const PUT: APIRoute = async ({ request }) => {
  const xml = await request.text();
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
  const errors = doc.validationErrors.map((e) => e.message);
  return Response.json({ valid: errors.length === 0, errors, root: doc.root()?.name() });
};
