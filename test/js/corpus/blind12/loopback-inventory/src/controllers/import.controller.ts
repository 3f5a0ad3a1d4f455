import {post, requestBody, HttpErrors} from '@loopback/rest';
import {repository} from '@loopback/repository';
import libxmljs from 'libxmljs';
import yaml from 'js-yaml';
import {ProductRepository} from '../repositories';

const XML_BODY = {content: {'application/xml': {schema: {type: 'string'}}}};
const YAML_BODY = {content: {'text/yaml': {schema: {type: 'string'}}}};

function toProduct(node: libxmljs.Element) {
  return {
    sku: node.get('sku')?.text(),
    name: node.get('name')?.text(),
    price: Number(node.get('price')?.text() ?? 0),
  };
}

export class ImportController {
  constructor(@repository(ProductRepository) private productRepo: ProductRepository) {}

  @post('/imports/catalog')
  async importCatalog(@requestBody(XML_BODY) xml: string) {
    const doc = libxmljs.parseXml(xml, {noent: true, noblanks: true}); //@vuln CWE-611
    const items = doc.find('//product').map(n => toProduct(n as libxmljs.Element));
    await this.productRepo.createAll(items);
    return {imported: items.length};
  }

  @post('/imports/catalog-v2')
  async importCatalogV2(@requestBody(XML_BODY) xml: string) {
    const doc = libxmljs.parseXml(xml, {noent: false, nonet: true, noblanks: true}); //@safe
    const items = doc.find('//product').map(n => toProduct(n as libxmljs.Element));
    await this.productRepo.createAll(items);
    return {imported: items.length};
  }

  @post('/imports/rules')
  async importRules(@requestBody(YAML_BODY) text: string) {
    const rules = yaml.load(text, {schema: yaml.DEFAULT_FULL_SCHEMA}); //@vuln CWE-502
    if (!Array.isArray(rules)) throw new HttpErrors.UnprocessableEntity('expected a list');
    return {rules: rules.length};
  }

  @post('/imports/settings')
  async importSettings(@requestBody(YAML_BODY) text: string) {
    const settings = yaml.safeLoad(text); //@safe
    return {keys: Object.keys(settings ?? {})};
  }
}
