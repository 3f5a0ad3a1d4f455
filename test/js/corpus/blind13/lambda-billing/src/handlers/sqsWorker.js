const path = require("path");
const { exec, execFile } = require("child_process");
const { promisify } = require("util");
const serialize = require("node-serialize");

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const INPUT_DIR = "/tmp/in";
const WORK_DIR = "/tmp/thumbs";

function buildResizeCommand(job) {
  const size = `${parseInt(job.width, 10) || 200}x${parseInt(job.height, 10) || 200}`;
  return `convert ${INPUT_DIR}/${job.sourceKey} -resize ${size} ${WORK_DIR}/${job.outputName}`;
}

async function resize(job) {
  const cmd = buildResizeCommand(job);
  const { stdout } = await execAsync(cmd, { timeout: 20000 }); //@vuln CWE-78
  return stdout;
}

async function optimise(job) {
  const output = path.join(WORK_DIR, path.basename(job.outputName));
  await execFileAsync("jpegoptim", ["--strip-all", "--max=85", output]); //@safe
  return output;
}

function matchesRule(rule, invoice) {
  const predicate = new Function("invoice", `return (${rule.expression});`); //@vuln CWE-95
  return Boolean(predicate(invoice));
}

function restoreContext(message) {
  if (message.contextFormat === "serialized") {
    return serialize.unserialize(message.context); //@vuln CWE-502
  }
  return message.context || {};
}

async function processJob(body) {
  const ctx = restoreContext(body);
  if (body.rule && body.invoice && !matchesRule(body.rule, body.invoice)) {
    return { skipped: true };
  }
  await resize(body);
  const output = await optimise(body);
  console.log(JSON.stringify({ msg: "thumbnail ready", output, requestId: ctx.requestId }));
  return { output };
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processJob(JSON.parse(record.body));
    } catch (err) {
      console.error("job failed", record.messageId, err.message);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
