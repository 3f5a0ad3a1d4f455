import libxmljs from 'libxmljs2';
import { XMLParser } from 'fast-xml-parser';
import type { NodeType, NodeItem } from '@flowhub/common/runtime';

interface XmlParameters {
  operation: 'toJson' | 'xpath' | 'validate';
  dataField: string;
  xpath: string;
  namespaces: Record<string, string>;
  xsd: string;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: true });

export const XmlNode: NodeType<XmlParameters> = {
  name: 'flowhub-nodes.xml',
  displayName: 'XML',
  async execute(ctx) {
    const out: NodeItem[] = [];
    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const item = ctx.items[i];
      const xml = String(item.json[p.dataField] ?? '');
      switch (p.operation) {
        case 'toJson':
          out.push({ json: parser.parse(xml) });
          break;
        case 'xpath': {
          // SOAP/ERP payloads often declare their entities in an inline DTD
          const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true, huge: true }); //@vuln CWE-611
          const nodes = doc.find(p.xpath, p.namespaces) as any[];
          out.push(...nodes.map((n) => ({ json: { path: n.path(), value: typeof n.text === 'function' ? n.text() : n.value() } })));
          break;
        }
        case 'validate': {
          const schema = libxmljs.parseXml(p.xsd, { nonet: true });
          const doc = libxmljs.parseXml(xml, { noent: false, dtdload: false, nonet: true }); //@safe
          const valid = doc.validate(schema);
          out.push({ json: { ...item.json, valid, errors: (doc.validationErrors ?? []).map((e: any) => e.message) } });
          break;
        }
        default:
          throw new Error(`Unknown operation ${p.operation}`);
      }
    }
    return out;
  },
};
