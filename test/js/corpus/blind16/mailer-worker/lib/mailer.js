var nodemailer = require('nodemailer');
var fs = require('fs');
var path = require('path');
var Handlebars = require('handlebars');
var config = require('../config');

var transporter = nodemailer.createTransport(config.smtp);
var cache = {};

function loadTemplate(name, cb) {
  if (cache[name]) return cb(null, cache[name]);
  var file = path.join(config.templateDir, name);
  fs.readFile(file, 'utf8', function (err, src) { //@vuln CWE-22
    if (err) return cb(err);
    cache[name] = Handlebars.compile(src);
    cb(null, cache[name]);
  });
}

exports.send = function (job, cb) {
  loadTemplate(job.template || 'default.hbs', function (err, tpl) {
    if (err) return cb(err);
    transporter.sendMail({
      from: '"Example Notifications" <notifications@example.com>',
      to: job.to,
      subject: job.subject || 'Notification',
      html: tpl(job.data || {})
    }, cb);
  });
};
