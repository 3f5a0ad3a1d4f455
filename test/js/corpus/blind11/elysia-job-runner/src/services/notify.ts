import https from 'node:https';
import axios from 'axios';
import { createHmac } from 'node:crypto';

const insecureAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295

const client = axios.create({ httpsAgent: insecureAgent, timeout: 5000 });

export async function sendCallback(url: string, secret: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return client.post(url, body, { //@vuln CWE-918
    headers: { 'content-type': 'application/json', 'x-runner-signature': signature },
  });
}
