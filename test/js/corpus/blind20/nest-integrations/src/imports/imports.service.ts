import { BadRequestException, Injectable } from '@nestjs/common';
import * as yaml from 'js-yaml';
import * as libxmljs from 'libxmljs';
import * as serialize from 'node-serialize';

export interface WizardState {
  step: number;
  mapping: Record<string, string>;
}

function rowsFrom(doc: libxmljs.Document) {
  return doc.find('//row').map((node: libxmljs.Element) => ({
    account: node.get('account')?.text() ?? '',
    metric: node.get('metric')?.text() ?? '',
    value: Number(node.get('value')?.text() ?? 0),
  }));
}

@Injectable()
export class ImportsService {
  parseLegacyXml(xml: string) {
    return rowsFrom(libxmljs.parseXml(xml, { noent: true, dtdload: true })); //@vuln CWE-611
  }

  parsePartnerXml(xml: string) {
    return rowsFrom(libxmljs.parseXml(xml, { noent: false, nonet: true })); //@safe
  }

  parseMappingYaml(text: string): Record<string, string> {
    const parsed = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
    if (typeof parsed !== 'object' || parsed === null) throw new BadRequestException('mapping must be an object');
    return parsed as Record<string, string>;
  }

  restoreWizard(encoded: string | undefined): WizardState {
    if (!encoded) return { step: 0, mapping: {} };
    return serialize.unserialize(Buffer.from(encoded, 'base64').toString('utf8')); //@vuln CWE-502
  }

  saveWizard(state: WizardState): string {
    return Buffer.from(JSON.stringify(state)).toString('base64');
  }
}
