import yaml from 'js-yaml';
import libxmljs from 'libxmljs';
import serialize from 'node-serialize';
import { injectable } from 'tsyringe';

export type FeedItem = { sku: string; name: string; price: number };
export type FieldMapping = { source: string; target: string; transform?: string };

@injectable()
export class ImportService {
  parseSupplierFeed(xml: string): FeedItem[] {
    const doc = libxmljs.parseXml(xml, { noent: true, nonet: false }); //@vuln CWE-611
    return this.collectItems(doc);
  }

  parseOrderAck(xml: string): FeedItem[] {
    const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
    return this.collectItems(doc);
  }

  private collectItems(doc: libxmljs.Document): FeedItem[] {
    return doc.find('//item').map((node: any) => ({
      sku: node.get('sku')?.text() ?? '',
      name: node.get('name')?.text() ?? '',
      price: Number(node.get('price')?.text() ?? 0),
    }));
  }

  loadMapping(text: string): FieldMapping[] {
    const doc = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { fields: FieldMapping[] }; //@vuln CWE-502
    return doc.fields ?? [];
  }

  loadMappingStrict(text: string): FieldMapping[] {
    const doc = yaml.load(text, { schema: yaml.JSON_SCHEMA }) as { fields: FieldMapping[] }; //@safe
    return doc.fields ?? [];
  }

  restoreWizardState(cookieValue: string): Record<string, unknown> {
    return serialize.unserialize(Buffer.from(cookieValue, 'base64').toString('utf8')); //@vuln CWE-502
  }
}
