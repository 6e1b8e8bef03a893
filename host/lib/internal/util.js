'use strict';
// Helpers shared by core modules.

// Names for the values a callback API passes after the error: util.promisify resolves with
// an object of them (fs.read's { bytesRead, buffer }, ...), as node's internal symbol does.
const customPromisifyArgs = Symbol('customPromisifyArgs');

// The working directory, or (when it was removed) the executable's directory, where node's
// loaders need some directory to resolve from.
function tryGetCwd() {
  try {
    return process.cwd();
  } catch {
    return require('path').dirname(process.execPath);
  }
}

// obj[key] = value as an own data property, whatever setters Object.prototype has gained.
function setOwnProperty(obj, key, value) {
  return Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

// ---- regular expressions that leave the RegExp statics alone ----
// A successful match sets the legacy RegExp statics (RegExp.input, RegExp.$1, ...) of the realm
// whose exec ran: the loaders run theirs in a realm of their own, so the program's stay as it
// left them (empty when it starts), as node's SideEffectFree* helpers do.

let internalGlobal;
function getInternalGlobal() {
  internalGlobal ??= binding.contextify().makeContext(undefined, true, true, false, 'internal/util');
  return internalGlobal;
}

// A regular expression of that realm: its exec, test, replace, split and matchAll (through the
// String methods too) leave the program's statics alone.
function sideEffectFreeRegExp(source, flags) {
  return new (getInternalGlobal().RegExp)(source, flags);
}

function SideEffectFreeRegExpPrototypeExec(regex, string) {
  return getInternalGlobal().RegExp.prototype.exec.call(regex, string);
}

function SideEffectFreeRegExpPrototypeSymbolReplace(regex, string, replacement) {
  return sideEffectFreeRegExp(regex.source, regex.flags)[Symbol.replace](string, replacement);
}

function SideEffectFreeRegExpPrototypeSymbolSplit(regex, string, limit = undefined) {
  return sideEffectFreeRegExp(regex.source, regex.flags)[Symbol.split](string, limit);
}

// Empties the program realm's RegExp statics (before the program runs).
function clearRegExpStatics() {
  /(?:)/.exec('');
}

// A duration as console.timeEnd() and NODE_DEBUG's timers print it.
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [whole, fraction] = seconds.toFixed(3).split('.');
    const pad = (n) => String(n).padStart(2, '0');
    const lead = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${lead}:${pad(whole)}.${fraction} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

module.exports = {
  customPromisifyArgs, formatTime, setOwnProperty, tryGetCwd, sideEffectFreeRegExp, SideEffectFreeRegExpPrototypeExec,
  SideEffectFreeRegExpPrototypeSymbolReplace, SideEffectFreeRegExpPrototypeSymbolSplit, clearRegExpStatics,
};
