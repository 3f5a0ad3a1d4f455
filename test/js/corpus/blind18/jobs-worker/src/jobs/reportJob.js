const { exec, execFile } = require('child_process');
const { promisify } = require('util');
const path = require('path');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const OUTPUT_DIR = process.env.REPORT_OUTPUT || '/var/lib/worker/reports';

function pdfCommand(htmlPath, outFile, { title = 'Report', margin = '10mm' }) {
  return `wkhtmltopdf --margin-top ${margin} --title "${title}" ${htmlPath} ${outFile}`;
}

async function renderPdf(job) {
  const { reportId, title, margin } = job.data;
  const htmlPath = path.join(OUTPUT_DIR, `${reportId}.html`);
  const outFile = path.join(OUTPUT_DIR, `${reportId}.pdf`);
  await execAsync(pdfCommand(htmlPath, outFile, { title, margin }), { timeout: 120000 }); //@vuln CWE-78
  return { outFile };
}

async function compressReport(job) {
  const src = path.join(OUTPUT_DIR, `${path.basename(String(job.data.reportId))}.pdf`);
  await execFileAsync('gzip', ['-k', '-9', src]); //@safe
  const { stdout } = await execAsync('df -h /var/lib/worker'); //@safe
  job.log(stdout);
  return { file: `${src}.gz` };
}

module.exports = { renderPdf, compressReport };
