import * as vscode from 'vscode';
import * as path from 'node:path';
import { exec, execFile } from 'node:child_process';
import { parse as parseYaml } from 'yaml';

const TOKEN_KEY = 'kestrel.apiToken';
const TELEMETRY_INGEST_KEY = 'kst_ingest_4b7e0f2a9c13d8e6f1a0';  //@vuln CWE-798
const TELEMETRY_URL = 'https://telemetry.kestrel.dev/v1/events';

interface BuildSummary {
  id: string;
  number: number;
  branch: string;
  status: string;
  commitMessage: string;
  artifacts: Array<{ name: string; url: string; size: number }>;
}

let output: vscode.OutputChannel;

function settings() {
  return vscode.workspace.getConfiguration('kestrel');
}

function workspaceRoot(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function getNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let nonce = '';
  for (let i = 0; i < 32; i++) {
    nonce += chars.charAt(Math.floor(Math.random() * chars.length));  //@vuln CWE-338
  }
  return nonce;
}

async function api<T>(context: vscode.ExtensionContext, route: string, init: RequestInit = {}): Promise<T> {
  const token = await context.secrets.get(TOKEN_KEY);
  if (!token) throw new Error('Not signed in to Kestrel');
  const base = settings().get<string>('apiUrl', 'https://api.kestrel.dev');
  const res = await fetch(new URL(route, base), { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`Kestrel API ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function sendTelemetry(event: string, props: Record<string, string>): Promise<void> {
  if (!settings().get<boolean>('telemetry', true) || !vscode.env.isTelemetryEnabled) return;
  await fetch(TELEMETRY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ingest-key': TELEMETRY_INGEST_KEY },
    body: JSON.stringify({ event, props, machineId: vscode.env.machineId }),
  }).catch(() => undefined);
}

async function pipelineJobs(root: vscode.Uri): Promise<string[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, '.kestrel', 'pipeline.yml'));
  const doc = parseYaml(Buffer.from(bytes).toString('utf8')) as { steps?: Array<{ name?: string }> };
  return (doc.steps ?? []).map((s, i) => s.name ?? `step-${i + 1}`);
}

async function runJobLocally(): Promise<void> {
  const root = workspaceRoot();
  if (!root) return;
  const job = await vscode.window.showQuickPick(await pipelineJobs(root), { placeHolder: 'Job to run locally' });
  if (!job) return;
  output.show(true);
  output.appendLine(`$ kestrel run --job ${job}`);
  const child = exec(`kestrel run --job "${job}" --workspace .`, { cwd: root.fsPath });  //@vuln CWE-78
  child.stdout?.on('data', (d) => output.append(String(d)));
  child.stderr?.on('data', (d) => output.append(String(d)));
  child.on('close', (code) => output.appendLine(`\n[kestrel] exited with ${code}`));
}

function validatePipeline(): void {
  const root = workspaceRoot();
  if (!root) return;
  const file = vscode.Uri.joinPath(root, '.kestrel', 'pipeline.yml').fsPath;
  execFile('kestrel', ['validate', '--format', 'json', file], { cwd: root.fsPath }, (err, stdout) => {  //@safe
    if (err && !stdout) {
      void vscode.window.showErrorMessage(`Kestrel validation failed: ${err.message}`);
      return;
    }
    const result = JSON.parse(stdout) as { valid: boolean; problems: string[] };
    if (result.valid) void vscode.window.showInformationMessage('Pipeline is valid');
    else void vscode.window.showWarningMessage(result.problems.join('\n'));
  });
}

function buildHtml(webview: vscode.Webview, build: BuildSummary): string {
  const nonce = getNonce();
  const artifacts = build.artifacts
    .map((a) => `<li><a href="#" data-artifact="${escapeHtml(a.name)}">${escapeHtml(a.name)}</a> (${Math.round(a.size / 1024)} KiB)</li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
</head>
<body>
  <h1>#${build.number} <span class="branch">${escapeHtml(build.branch)}</span> &mdash; ${escapeHtml(build.status)}</h1>
  <div class="commit">${build.commitMessage}</div>
  <ul class="artifacts">${artifacts}</ul>
  <button id="log" data-file="logs/${escapeHtml(build.id)}.log">Open log</button>
  <script nonce="${nonce}">
    const vscode = acquireVsCodeApi();
    document.querySelectorAll('[data-artifact]').forEach((el) => el.addEventListener('click', () => vscode.postMessage({ type: 'downloadArtifact', name: el.dataset.artifact })));
    const logButton = document.getElementById('log');
    logButton.addEventListener('click', () => vscode.postMessage({ type: 'openLog', file: logButton.dataset.file }));
  </script>
</body>
</html>`;
}

async function showBuild(context: vscode.ExtensionContext): Promise<void> {
  const root = workspaceRoot();
  if (!root) return;
  const build = await api<BuildSummary>(context, `/v1/workspace/latest-build?path=${encodeURIComponent(root.fsPath)}`);
  const panel = vscode.window.createWebviewPanel('kestrelBuild', `Kestrel #${build.number}`, vscode.ViewColumn.Beside, { enableScripts: true });
  panel.webview.html = buildHtml(panel.webview, build);  //@vuln CWE-79

  panel.webview.onDidReceiveMessage(async (message: { type: string; name?: string; file?: string }) => {
    if (message.type === 'downloadArtifact' && message.name) {
      const artifact = build.artifacts.find((a) => a.name === message.name);
      if (!artifact) return;
      const res = await fetch(artifact.url);
      const dest = path.join(root.fsPath, '.kestrel', 'artifacts', artifact.name);
      await vscode.workspace.fs.writeFile(vscode.Uri.file(dest), new Uint8Array(await res.arrayBuffer()));  //@vuln CWE-22
      void vscode.window.showInformationMessage(`Saved ${artifact.name}`);
      await sendTelemetry('artifact.download', { size: String(artifact.size) });
    } else if (message.type === 'openLog' && message.file) {
      const base = path.resolve(root.fsPath, '.kestrel');
      const target = path.resolve(base, message.file);
      if (!target.startsWith(base + path.sep)) return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target));  //@safe
      await vscode.window.showTextDocument(doc, { preview: true });
    }
  });
}

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel('Kestrel');

  if (settings().get<boolean>('allowSelfSignedCertificates')) {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';  //@vuln CWE-295
  }

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('kestrel.runJobLocally', runJobLocally),
    vscode.commands.registerCommand('kestrel.validatePipeline', validatePipeline),
    vscode.commands.registerCommand('kestrel.showBuild', () => showBuild(context)),
    vscode.commands.registerCommand('kestrel.signIn', async () => {
      const token = await vscode.window.showInputBox({ prompt: 'Kestrel API token', password: true, ignoreFocusOut: true });
      if (token) {
        await context.secrets.store(TOKEN_KEY, token.trim());
        void vscode.window.showInformationMessage('Signed in to Kestrel');
      }
    }),
  );
  void sendTelemetry('extension.activate', { version: String(context.extension.packageJSON.version) });
}

export function deactivate(): void {}
