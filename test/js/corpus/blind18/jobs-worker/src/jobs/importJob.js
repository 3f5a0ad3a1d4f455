const yaml = require('js-yaml');
const libxmljs = require('libxmljs');
const serialize = require('node-serialize');
const { parse } = require('csv-parse/sync');
const Contact = require('../lib/models').Contact;

function parseXml(raw) {
  const doc = libxmljs.parseXml(raw, { noent: true, noblanks: true }); //@vuln CWE-611
  return doc.find('//contact').map((node) => ({
    email: node.get('email') && node.get('email').text(),
    name: node.get('name') && node.get('name').text(),
  }));
}

function parseYaml(raw, allowCustomTags) {
  if (allowCustomTags) {
    return yaml.load(raw, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  }
  return yaml.safeLoad(raw); //@safe
}

function restoreCursor(state) {
  if (!state) return { offset: 0 };
  return serialize.unserialize(Buffer.from(state, 'base64').toString('utf8')); //@vuln CWE-502
}

module.exports = async function processImport(job) {
  const { accountId, format, payload, cursor, options = {} } = job.data;
  const position = restoreCursor(cursor);
  let records;
  if (format === 'xml') records = parseXml(payload);
  else if (format === 'yaml') records = parseYaml(payload, options.allowCustomTags);
  else records = parse(payload, { columns: true, skip_empty_lines: true, trim: true });

  const pending = records.slice(position.offset || 0).filter((rec) => rec.email);
  for (const rec of pending) {
    const email = String(rec.email).toLowerCase();
    await Contact.updateOne({ accountId, email }, { $set: { name: rec.name, email } }, { upsert: true });
  }
  return { imported: pending.length };
};
