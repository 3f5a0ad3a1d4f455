var yaml = require('js-yaml');

exports.parseRules = function (text) {
  var doc = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  return (doc && doc.rules) || [];
};

exports.parseSettings = function (text) {
  var doc = yaml.safeLoad(text) || {}; //@safe
  return { throttlePerMinute: doc.throttlePerMinute || 600, quietHours: doc.quietHours || null };
};
