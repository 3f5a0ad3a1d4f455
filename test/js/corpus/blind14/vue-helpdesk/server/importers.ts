import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import libxmljs from 'libxmljs';
import AdmZip from 'adm-zip';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const ATTACH_ROOT = path.resolve(process.env.ATTACH_ROOT ?? './attachments');

interface ImportedTicket { subject: string; body: string; requester?: string }

async function persist(tickets: ImportedTicket[]) {
  const created = await prisma.$transaction(tickets.map((t) => prisma.ticket.create({ data: { subject: t.subject, bodyHtml: t.body, status: 'open' } })));
  return { imported: created.length };
}

export async function importYamlTickets(text: string) {
  const doc = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { tickets?: ImportedTicket[] }; //@vuln CWE-502
  return persist(doc?.tickets ?? []);
}

export async function importXmlTickets(xml: string) {
  const doc = libxmljs.parseXml(xml, { noent: true, nonet: false }); //@vuln CWE-611
  const tickets = doc.find('//ticket').map((node: any) => ({
    subject: node.get('subject')?.text() ?? '(no subject)',
    body: node.get('body')?.text() ?? '',
    requester: node.attr('requester')?.value(),
  }));
  return persist(tickets);
}

export async function extractAttachments(ticketId: number, archive: Buffer) {
  const zip = new AdmZip(archive);
  const dest = path.join(ATTACH_ROOT, String(ticketId));
  fs.mkdirSync(dest, { recursive: true });
  const saved: string[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    saved.push(entry.entryName);
  }
  return { ticketId, saved };
}
