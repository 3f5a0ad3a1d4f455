import { WebApp } from 'meteor/webapp';
import { spawn } from 'child_process';
import { Meteor } from 'meteor/meteor';

const SLACK_SIGNING_SECRET = Meteor.settings.slack?.signingSecret || 'sk_test_dummy'; //@vuln CWE-798

WebApp.connectHandlers.use('/r', (req, res) => {
  const target = new URL(req.url, Meteor.absoluteUrl()).searchParams.get('to') || '/';
  res.writeHead(302, { Location: target }); //@vuln CWE-601
  res.end();
});

WebApp.connectHandlers.use('/export', (req, res) => {
  const room = new URL(req.url, Meteor.absoluteUrl()).searchParams.get('room');
  const child = spawn(`mongoexport --db chat --collection messages --query '{"roomId":"${room}"}'`, { shell: true }); //@vuln CWE-78
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  child.stdout.pipe(res);
});

export { SLACK_SIGNING_SECRET };
