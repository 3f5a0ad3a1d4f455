const crypto = require('crypto');
const fetch = require('node-fetch');

module.exports = async function deliverWebhook(job) {
  const { url, event, secret } = job.data;
  const body = JSON.stringify(event);
  const signature = crypto.createHmac('sha256', secret).update(body).digest('hex'); //@safe
  const res = await fetch(url, { //@vuln CWE-918
    method: 'POST',
    body,
    timeout: 10000,
    headers: { 'Content-Type': 'application/json', 'X-Signature-256': `sha256=${signature}` },
  });
  if (res.status >= 500) throw new Error(`endpoint returned ${res.status}`);
  return { status: res.status };
};
