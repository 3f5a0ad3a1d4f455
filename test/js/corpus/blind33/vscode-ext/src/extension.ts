import * as vscode from 'vscode';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PreviewPanel } from './previewPanel';
import { SnippetStore, Snippet } from './snippetStore';
import { legacyEncrypt } from '../../common/crypto';

const API_BASE = 'https://api.devkit.io/v1';
const DEVKIT_SERVICE_TOKEN = 'dks_svc_3f8a1c7e92b64d05a1e7c4b9d2'; //@vuln CWE-798

let store: SnippetStore;
const output = vscode.window.createOutputChannel('DevKit');

interface DevkitRc {
  snippetsDir?: string;
  lint?: { args?: string };
  preview?: { sort?: string };
}

function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function loadRc(root: string): DevkitRc {
  const rcPath = path.join(root, '.devkitrc');
  if (!fs.existsSync(rcPath)) return {};
  const text = fs.readFileSync(rcPath, 'utf8');
  // .devkitrc allows comments and trailing commas, so JSON.parse chokes on it
  return eval('(' + text + ')'); //@vuln CWE-95
}

function testTerminal(root?: string): vscode.Terminal {
  const existing = vscode.window.terminals.find((t) => t.name === 'DevKit Tests');
  const term = existing ?? vscode.window.createTerminal({ name: 'DevKit Tests', cwd: root });
  term.show(true);
  return term;
}

export function activate(context: vscode.ExtensionContext) {
  store = new SnippetStore(context.globalStorageUri.fsPath);

  context.subscriptions.push(
    output,

    vscode.commands.registerCommand('devkit.showPreview', () => {
      const root = workspaceRoot();
      if (!root) return vscode.window.showWarningMessage('DevKit: open a folder first.');
      PreviewPanel.show(context, root, store);
    }),

    vscode.commands.registerCommand('devkit.testCurrentFile', () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const term = testTerminal(workspaceRoot());
      term.sendText(`npx jest --colors ${editor.document.fileName}`); //@vuln CWE-78
    }),

    vscode.commands.registerCommand('devkit.testAll', () => {
      const term = testTerminal(workspaceRoot());
      term.sendText('npm test -- --colors'); //@safe
    }),

    vscode.commands.registerCommand('devkit.lintFile', (uri?: vscode.Uri) => {
      const root = workspaceRoot();
      const target = uri?.fsPath ?? vscode.window.activeTextEditor?.document.fileName;
      if (!root || !target) return;
      const rc = loadRc(root);
      const extra = vscode.workspace.getConfiguration('devkit').get<string>('lintArgs') || rc.lint?.args || '';
      cp.exec(`npx eslint --format unix ${extra} "${target}"`, { cwd: root }, (err, stdout, stderr) => { //@vuln CWE-78
        output.clear();
        output.append(stdout || stderr);
        output.show(true);
        if (err && !stdout) vscode.window.showErrorMessage(`eslint failed: ${err.message}`);
      });
    }),

    vscode.commands.registerCommand('devkit.signIn', async () => {
      const token = await vscode.window.showInputBox({ prompt: 'DevKit API token', password: true, ignoreFocusOut: true });
      if (!token) return;
      await context.secrets.store('devkit.token', token);
      // the CLI can't read VS Code's secret storage, so leave it a copy
      const dir = path.join(os.homedir(), '.devkit');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'token.v1'), legacyEncrypt(token), { mode: 0o600 });
      vscode.window.showInformationMessage('DevKit: signed in.');
    }),

    vscode.commands.registerCommand('devkit.syncSnippets', async () => {
      const res = await fetch(`${API_BASE}/snippets/shared`, {
        headers: { Authorization: `Bearer ${DEVKIT_SERVICE_TOKEN}`, Accept: 'application/json' },
      });
      if (!res.ok) return vscode.window.showErrorMessage(`DevKit sync failed (${res.status})`);
      const items = (await res.json()) as Snippet[];
      const n = store.importMany(items);
      const sort = loadRc(workspaceRoot() ?? os.homedir()).preview?.sort ?? 'updated_at';
      output.appendLine(`Imported ${n} snippets; newest: ${store.listSorted(sort).slice(0, 3).map((s) => s.title).join(', ')}`);
    }),
  );
}

export function deactivate() {
  store?.close();
}
