import _ from 'lodash';
import ejs from 'ejs';
import path from 'path';
import type { NodeType, NodeItem } from '@flowhub/common/runtime';

interface TemplateParameters {
  engine: 'lodash' | 'ejs' | 'digest';
  templateSource: 'parameter' | 'field';
  template: string;
  templateField: string;
  outputField: string;
}

const TEMPLATE_DIR = path.resolve(__dirname, '../../templates');
const summaryLine = _.template('Rendered <%- count %> item(s) with the <%- engine %> engine'); //@safe

export const TemplateNode: NodeType<TemplateParameters> = {
  name: 'flowhub-nodes.template',
  displayName: 'Render Template',
  async execute(ctx) {
    const out: NodeItem[] = [];
    let engine = 'digest';
    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const item = ctx.items[i];
      engine = p.engine;
      // "field" lets an upstream node (CMS webhook, Airtable row...) provide the template itself
      const source = p.templateSource === 'field' ? String(_.get(item.json, p.templateField, '')) : p.template;
      let rendered: string;
      switch (p.engine) {
        case 'lodash':
          rendered = _.template(source)(item.json); //@vuln CWE-1336|CWE-94
          break;
        case 'ejs':
          rendered = ejs.render(source, { ...item.json, item }, { rmWhitespace: true }); //@vuln CWE-1336|CWE-94
          break;
        default:
          rendered = await ejs.renderFile(path.join(TEMPLATE_DIR, 'digest.ejs'), { title: item.json.title ?? 'Digest', rows: item.json.rows ?? [] }); //@safe
      }
      out.push({ json: _.set({ ...item.json }, p.outputField || 'rendered', rendered), binary: item.binary });
    }
    ctx.logger.debug(summaryLine({ count: out.length, engine }));
    return out;
  },
};
