const mongoose = require('mongoose');
const queues = require('./queues');
const reportJobs = require('./jobs/reportJob');
const importJob = require('./jobs/importJob');
const mediaJobs = require('./jobs/mediaJob');
const automationJob = require('./jobs/automationJob');
const deliveryJob = require('./jobs/deliveryJob');

if (process.env.WEBHOOK_ALLOW_SELF_SIGNED === 'true') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
}

async function start() {
  await mongoose.connect(process.env.MONGO_URL || 'mongodb://localhost:27017/support');
  queues.reports.process('render-pdf', 2, reportJobs.renderPdf);
  queues.reports.process('compress', 4, reportJobs.compressReport);
  queues.imports.process(importJob);
  queues.media.process('transcode', 1, mediaJobs.transcode);
  queues.media.process('extract-bundle', 2, mediaJobs.extractBundle);
  queues.automation.process(automationJob);
  queues.webhooks.process(8, deliveryJob);
}

start().catch((err) => { console.error('[worker] failed to start', err); process.exit(1); });
