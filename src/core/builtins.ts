import { createRequire } from 'node:module';

/**
 * Node built-in modules that most runs never use, loaded on first use instead of with the module
 * that names them: child_process alone loads Node's socket and stream modules (~1.5 ms of an agent
 * hook that never starts git; node:v8 loads the stream modules too). Modules that are always used
 * stay plain imports.
 */
const load = createRequire(import.meta.url);

export const childProcess = (): typeof import('node:child_process') => load('node:child_process') as typeof import('node:child_process');
export const crypto = (): typeof import('node:crypto') => load('node:crypto') as typeof import('node:crypto');
export const v8 = (): typeof import('node:v8') => load('node:v8') as typeof import('node:v8');
export const zlib = (): typeof import('node:zlib') => load('node:zlib') as typeof import('node:zlib');
