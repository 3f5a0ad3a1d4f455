const { exec, execFile } = require('child_process');
const { promisify } = require('util');
const https = require('https');
const fs = require('fs');
const path = require('path');
const axios = require('axios');
const config = require('../config');

const execFileAsync = promisify(execFile);

const partnerAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

function runShell(command) {
  return new Promise((resolve, reject) => {
    exec(command, { timeout: 120000 }, (err, stdout, stderr) => { //@vuln CWE-78
      if (err) return reject(Object.assign(err, { stderr }));
      resolve(stdout);
    });
  });
}

class MediaService {
  resolveUpload(relative) {
    return path.join(config.media.uploadRoot, relative);
  }

  safeResolve(relative) {
    const root = config.media.uploadRoot;
    const full = path.resolve(root, relative);
    if (!full.startsWith(root + path.sep)) {
      throw Object.assign(new Error('invalid path'), { status: 400 });
    }
    return full;
  }

  async transcode(sourceName, preset) {
    const input = this.safeResolve(sourceName);
    const output = input.replace(/\.[^.]+$/, `.${preset.ext}`);
    const cmd = `${config.media.ffmpegBin} -y -i "${input}" ${preset.flags} "${output}"`;
    await runShell(cmd);
    return output;
  }

  async probe(sourceName) {
    const input = this.safeResolve(sourceName);
    const { stdout } = await execFileAsync(config.media.ffprobeBin, [ //@safe
      '-v', 'error', '-show_format', '-show_streams', '-of', 'json', input,
    ]);
    return JSON.parse(stdout);
  }

  async importFromUrl(sourceUrl, fileName) {
    const response = await axios.get(sourceUrl, { //@vuln CWE-918
      responseType: 'stream',
      timeout: config.media.importTimeoutMs,
    });
    const target = this.safeResolve(path.basename(fileName));
    await new Promise((resolve, reject) => {
      response.data.pipe(fs.createWriteStream(target)).on('finish', resolve).on('error', reject);
    });
    return target;
  }

  async pullPartnerFeed(feedPath) {
    const { data } = await axios.get(`https://feeds.partner-wire.test/${encodeURIComponent(feedPath)}`, {
      httpsAgent: partnerAgent,
    });
    return data;
  }
}

module.exports = new MediaService();
