var amqp = require('amqplib/callback_api');
var request = require('request');
var url = require('url');
var config = require('./config');
var mailer = require('./lib/mailer');

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

var QUEUE = 'mail.outbound';

function notifyCallback(job, status) {
  if (!job.callbackUrl) return;
  request.post({ url: job.callbackUrl, json: { id: job.id, status: status } }, function (err) { //@vuln CWE-918
    if (err) console.warn('callback failed for job ' + job.id + ': ' + err.message);
  });
}

function notifyWebhook(job, status) {
  var parsed = url.parse(job.webhook || '');
  if (parsed.protocol !== 'https:' || config.webhookHosts.indexOf(parsed.hostname) === -1) return;
  request.post({ url: url.format(parsed), json: { id: job.id, status: status } }, function (err) { //@safe
    if (err) console.warn('webhook failed for job ' + job.id);
  });
}

amqp.connect(config.amqpUrl, function (err, conn) {
  if (err) throw err;
  conn.createChannel(function (err, ch) {
    if (err) throw err;
    ch.assertQueue(QUEUE, { durable: true });
    ch.prefetch(5);
    ch.consume(QUEUE, function (msg) {
      var job;
      try { job = JSON.parse(msg.content.toString()); } catch (e) { return ch.nack(msg, false, false); }
      mailer.send(job, function (err) {
        var status = err ? 'failed' : 'sent';
        if (err) console.error('job ' + job.id + ' failed: ' + err.message);
        notifyCallback(job, status);
        notifyWebhook(job, status);
        ch.ack(msg);
      });
    });
  });
});
