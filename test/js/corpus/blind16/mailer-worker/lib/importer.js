var libxmljs = require('libxmljs');

function textOf(node, name) {
  var child = node.get(name);
  return child ? child.text().trim() : '';
}

function parseSubscribers(xml) {
  var doc = libxmljs.parseXml(xml, { noent: true, noblanks: true }); //@vuln CWE-611
  return doc.find('//subscriber').map(function (node) {
    return { email: textOf(node, 'email').toLowerCase(), name: textOf(node, 'name') };
  });
}

module.exports = { parseSubscribers: parseSubscribers };
