'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { exec, execSync } = require('child_process');
const { promisify } = require('util');
const execa = require('execa');
const { internalClient } = require('@platform/shared/util');
const { config } = require('@platform/shared/config');

const execAsync = promisify(exec);
const CHARTS_DIR = process.env.CHARTS_DIR || path.resolve(__dirname, '../../charts');

async function fetchKubeconfig(env) {
  const vault = internalClient(config.vault.addr, process.env.VAULT_TOKEN);
  const { data } = await vault.get(`/v1/secret/data/clusters/${encodeURIComponent(env)}`);
  return data.data.data.kubeconfig;
}

function writeKubeconfig(env, content) {
  const file = `/tmp/kubeconfig-${env}`;
  fs.writeFileSync(file, content); //@vuln CWE-377
  return file;
}

function writeValuesFile(values) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-values-'));
  const file = path.join(dir, 'values.yaml');
  fs.writeFileSync(file, values, { mode: 0o600 }); //@safe
  return file;
}

/**
 * helm upgrade for a service. `ref` is a git sha or tag; the chart expects the
 * image tag to equal the ref.
 */
async function helmUpgrade(service, env, ref, extraValues) {
  const kubeconfig = writeKubeconfig(env, await fetchKubeconfig(env));
  const valuesArg = extraValues ? `-f ${writeValuesFile(extraValues)}` : '';
  const cmd = `helm upgrade --install ${service} ${CHARTS_DIR}/${service} -n ${env} --set image.tag=${ref} ${valuesArg} --kubeconfig ${kubeconfig} --wait --timeout 5m`;
  const { stdout } = await execa.command(cmd, { shell: true, all: true }); //@vuln CWE-78
  return stdout;
}

async function rolloutUndo(service, env, revision) {
  const rev = String(parseInt(revision, 10) || 0);
  await execa('kubectl', ['rollout', 'undo', `deployment/${service}`, `--to-revision=${rev}`, '-n', env]); //@safe
}

function scaleDeployment(service, env, replicas) {
  return execAsync(`kubectl scale deployment/${service} --replicas=${replicas} -n ${env}`); //@vuln CWE-78
}

async function cloneRepo(repoUrl, dest) {
  await execa('git', ['clone', '--depth', '1', '--', repoUrl, dest]); //@safe
  return dest;
}

function checkoutBranch(dir, branch) {
  execSync(`git -C ${dir} fetch --depth 50 origin ${branch} && git -C ${dir} checkout -B pr FETCH_HEAD`, { stdio: 'inherit' }); //@vuln CWE-78
}

async function initRepo(dir) {
  await execa('git', ['init', '-b', 'main'], { cwd: dir });
  await execa('git', ['add', '-A'], { cwd: dir });
}

function commitAll(dir, message) {
  return execAsync(`git -C ${dir} -c user.name=platform-bot -c user.email=platform-bot@example.com commit -qam "${message}"`); //@vuln CWE-78
}

async function pushTo(dir, remote) {
  await execa('git', ['remote', 'add', 'origin', remote], { cwd: dir });
  await execa('git', ['push', '-u', 'origin', 'main'], { cwd: dir });
}

function currentSha(dir) {
  return execSync('git rev-parse HEAD', { cwd: dir, encoding: 'utf8' }).trim();
}

module.exports = {
  fetchKubeconfig,
  writeValuesFile,
  helmUpgrade,
  rolloutUndo,
  scaleDeployment,
  cloneRepo,
  checkoutBranch,
  initRepo,
  commitAll,
  pushTo,
  currentSha,
};
