const BLOCKED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

function assignShallow(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (BLOCKED_KEYS.has(key) || isPlainObject(value)) continue;
    target[key] = value; //@safe
  }
  return target;
}

module.exports = { deepMerge, assignShallow, isPlainObject };
