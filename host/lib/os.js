'use strict';
// os: system facts from uname, getpwuid, /proc and /sys (as libuv reads them for node).

const osBinding = binding.os();
const fs = require('fs');
const { invalidArgType } = require('internal/errors');

// osBinding.osInfo()'s layout.
const [HOSTNAME, TYPE, RELEASE, VERSION, MACHINE, HOMEDIR, TMPDIR, USERNAME, PASSWD_HOME, SHELL,
  TOTALMEM, FREEMEM, UPTIME, LOAD1, LOAD5, LOAD15, UID, GID, PARALLELISM] = Array.from({ length: 19 }, (_, i) => i);

const info = () => osBinding.osInfo();
const readText = (path) => {
  try {
    return fs.readFileSync(path, 'latin1');
  } catch {
    return '';
  }
};

// Clock ticks per second in /proc/stat (USER_HZ, 100 on Linux).
const TICK_MS = 10;

function cpus() {
  const models = readText('/proc/cpuinfo').split('\n')
    .filter((line) => line.startsWith('model name'))
    .map((line) => line.slice(line.indexOf(':') + 1).trim());
  return readText('/proc/stat').split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const [name, user, nice, sys, idle, , irq] = line.split(/\s+/);
      const index = Number(name.slice(3));
      const khz = Number(readText(`/sys/devices/system/cpu/cpu${index}/cpufreq/scaling_cur_freq`).trim());
      return {
        model: models[index] ?? models[0] ?? 'unknown',
        speed: Number.isFinite(khz) ? Math.floor(khz / 1000) : 0,
        times: { user: user * TICK_MS, nice: nice * TICK_MS, sys: sys * TICK_MS, idle: idle * TICK_MS, irq: irq * TICK_MS },
      };
    });
}

function userInfo(options) {
  const facts = info();
  const encode = (text) => (options?.encoding === 'buffer' ? Buffer.from(text) : text);
  return {
    __proto__: null,
    uid: facts[UID],
    gid: facts[GID],
    username: encode(facts[USERNAME]),
    homedir: encode(facts[PASSWD_HOME]),
    shell: facts[SHELL] === '' ? null : encode(facts[SHELL]),
  };
}

const constants = {
  UV_UDP_REUSEADDR: 4,
  dlopen: { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 },
  errno: {
    E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97, EAGAIN: 11, EALREADY: 114, EBADF: 9,
    EBADMSG: 74, EBUSY: 16, ECANCELED: 125, ECHILD: 10, ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104,
    EDEADLK: 35, EDESTADDRREQ: 89, EDOM: 33, EDQUOT: 122, EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113,
    EIDRM: 43, EILSEQ: 84, EINPROGRESS: 115, EINTR: 4, EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21, ELOOP: 40,
    EMFILE: 24, EMLINK: 31, EMSGSIZE: 90, EMULTIHOP: 72, ENAMETOOLONG: 36, ENETDOWN: 100, ENETRESET: 102,
    ENETUNREACH: 101, ENFILE: 23, ENOBUFS: 105, ENODATA: 61, ENODEV: 19, ENOENT: 2, ENOEXEC: 8, ENOLCK: 37,
    ENOLINK: 67, ENOMEM: 12, ENOMSG: 42, ENOPROTOOPT: 92, ENOSPC: 28, ENOSR: 63, ENOSTR: 60, ENOSYS: 38,
    ENOTCONN: 107, ENOTDIR: 20, ENOTEMPTY: 39, ENOTSOCK: 88, ENOTSUP: 95, ENOTTY: 25, ENXIO: 6, EOPNOTSUPP: 95,
    EOVERFLOW: 75, EPERM: 1, EPIPE: 32, EPROTO: 71, EPROTONOSUPPORT: 93, EPROTOTYPE: 91, ERANGE: 34, EROFS: 30,
    ESPIPE: 29, ESRCH: 3, ESTALE: 116, ETIME: 62, ETIMEDOUT: 110, ETXTBSY: 26, EWOULDBLOCK: 11, EXDEV: 18,
  },
  signals: {
    SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
    SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16,
    SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25,
    SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
  },
  priority: {
    PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14,
    PRIORITY_HIGHEST: -20,
  },
};

function prefixLength(netmask, family) {
  if (family === 4) return netmask.split('.').reduce((bits, part) => bits + (Number(part) >>> 0).toString(2).replace(/0/g, '').length, 0);
  return netmask.split(':').reduce((bits, part) => bits + (part === '' ? 0 : parseInt(part, 16).toString(2).replace(/0/g, '').length), 0);
}

function networkInterfaces() {
  const interfaces = {};
  for (const [name, address, netmask, family, mac, scopeid, internal] of osBinding.networkInterfaces()) {
    const entry = { address, netmask, family: `IPv${family}`, mac, internal, cidr: `${address}/${prefixLength(netmask, family)}` };
    if (family === 6) entry.scopeid = scopeid;
    (interfaces[name] ??= []).push(entry);
  }
  return interfaces;
}

function systemError(syscall, errno) {
  const code = Object.keys(constants.errno).find((name) => constants.errno[name] === -errno) ?? 'UNKNOWN';
  const descriptions = { ESRCH: 'no such process', EACCES: 'permission denied', EPERM: 'operation not permitted', EINVAL: 'invalid argument' };
  const err = new Error(`A system error occurred: ${syscall} returned ${code} (${descriptions[code] ?? code})`);
  Object.defineProperty(err, 'name', { value: 'SystemError', configurable: true, writable: true });
  Object.assign(err, { code: 'ERR_SYSTEM_ERROR', info: { errno, code, message: descriptions[code], syscall }, errno, syscall });
  return err;
}

// As node's validateInt32.
function validatePid(pid) {
  require('internal/errors').validateInteger(pid, 'pid', -(2 ** 31), 2 ** 31 - 1);
}

function getPriority(pid = 0) {
  validatePid(pid);
  const result = osBinding.getPriority(pid);
  if (result < -100) throw systemError('uv_os_getpriority', result + 1000);
  return result;
}

function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  validatePid(pid);
  require('internal/errors').validateInteger(priority, 'priority', -20, 19);
  const result = osBinding.setPriority(pid, priority);
  if (result !== 0) throw systemError('uv_os_setpriority', result);
}

module.exports = {
  arch: () => process.arch,
  getPriority,
  setPriority,
  networkInterfaces,
  availableParallelism: () => info()[PARALLELISM],
  cpus,
  endianness: () => 'LE',
  freemem: () => info()[FREEMEM],
  homedir: () => info()[HOMEDIR],
  hostname: () => info()[HOSTNAME],
  loadavg: () => { const facts = info(); return [facts[LOAD1], facts[LOAD5], facts[LOAD15]]; },
  platform: () => process.platform,
  release: () => info()[RELEASE],
  tmpdir: () => info()[TMPDIR],
  totalmem: () => info()[TOTALMEM],
  type: () => info()[TYPE],
  userInfo,
  uptime: () => info()[UPTIME],
  version: () => info()[VERSION],
  machine: () => info()[MACHINE],
};
// As node: constants, EOL and devNull are read-only, and the signal numbers frozen.
Object.freeze(constants.signals);
Object.defineProperties(module.exports, {
  constants: { value: constants, writable: false, enumerable: true, configurable: false },
  EOL: { value: '\n', writable: false, enumerable: true, configurable: true },
  devNull: { value: '/dev/null', writable: false, enumerable: true, configurable: true },
});
for (const name of Object.keys(module.exports)) {
  if (typeof module.exports[name] === 'function') {
    module.exports[name][Symbol.toPrimitive] = () => module.exports[name]();
  }
}
