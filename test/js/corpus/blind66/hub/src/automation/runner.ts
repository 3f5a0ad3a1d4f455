import vm from 'node:vm';
import ivm from 'isolated-vm';
import { VM } from 'vm2';

export type DeviceStates = Record<string, Record<string, unknown>>;

export interface HubApi {
  snapshot(): DeviceStates;
  setState(deviceId: string, patch: Record<string, unknown>): void;
  log(scriptId: string, line: string): void;
}

export interface AutomationScript {
  id: string;
  source: string;
  engine?: 'sandbox' | 'classic' | 'legacy';
}

export interface RuleAction {
  deviceId: string;
  patch: Record<string, unknown>;
}

export interface Rule {
  id: string;
  condition: string;
  actions: RuleAction[];
}

export async function runScript(script: AutomationScript, api: HubApi): Promise<unknown> {
  switch (script.engine ?? 'classic') {
    case 'sandbox':
      return runIsolated(script, api);
    case 'legacy':
      return runLegacy(script, api);
    default:
      return runClassic(script, api);
  }
}

async function runIsolated(script: AutomationScript, api: HubApi): Promise<unknown> {
  const isolate = new ivm.Isolate({ memoryLimit: 32 });
  try {
    const context = await isolate.createContext();
    const jail = context.global;
    await jail.set('global', jail.derefInto());
    await jail.set('states', new ivm.ExternalCopy(api.snapshot()).copyInto());
    await jail.set('log', new ivm.Callback((...args: unknown[]) => api.log(script.id, args.map(String).join(' '))));
    await jail.set('setState', new ivm.Callback((deviceId: string, patch: Record<string, unknown>) => api.setState(String(deviceId), { ...patch })));
    return await context.eval(script.source, { timeout: 500, copy: true });  //@safe
  } finally {
    isolate.dispose();
  }
}

function runClassic(script: AutomationScript, api: HubApi): unknown {
  const sandbox = {
    states: api.snapshot(),
    setState: (deviceId: string, patch: Record<string, unknown>) => api.setState(deviceId, patch),
    log: (...args: unknown[]) => api.log(script.id, args.map(String).join(' ')),
    result: undefined as unknown,
  };
  vm.createContext(sandbox);
  vm.runInContext(script.source, sandbox, { timeout: 1000, filename: `${script.id}.js` });  //@vuln CWE-94
  return sandbox.result;
}

function runLegacy(script: AutomationScript, api: HubApi): unknown {
  const legacyVm = new VM({
    timeout: 1000,
    sandbox: {
      states: api.snapshot(),
      log: (line: string) => api.log(script.id, String(line)),
    },
  });
  return legacyVm.run(script.source);  //@vuln CWE-94
}

const compiledConditions = new Map<string, (state: DeviceStates) => boolean>();

export function evaluateCondition(rule: Rule, state: DeviceStates): boolean {
  let predicate = compiledConditions.get(rule.id);
  if (!predicate) {
    predicate = new Function('state', `with (state) { return Boolean(${rule.condition}); }`) as (state: DeviceStates) => boolean;  //@vuln CWE-95
    compiledConditions.set(rule.id, predicate);
  }
  return predicate(state);
}

export function applyRules(rules: Rule[], api: HubApi): number {
  const state = api.snapshot();
  let fired = 0;
  for (const rule of rules) {
    try {
      if (evaluateCondition(rule, state)) {
        for (const action of rule.actions) api.setState(action.deviceId, action.patch);
        fired += 1;
      }
    } catch (err) {
      api.log(rule.id, `condition failed: ${(err as Error).message}`);
    }
  }
  return fired;
}
