'use strict';
// process.report: the diagnostic report as a JS object (getReport) or a JSON file
// (writeReport), with the fields native-addon loaders read (header.glibcVersionRuntime,
// sharedObjects) filled from the system.

const processMethods = binding.processMethods();
const osBinding = binding.os();
const fs = require('fs');
const os = require('os');

function readText(file) {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return '';
  }
}

function sharedObjects() {
  const seen = new Set(['linux-vdso.so.1']);
  for (const line of readText('/proc/self/maps').split('\n')) {
    const file = line.split(/\s+/)[5];
    if (file && file.startsWith('/') && /\.so(\.|$)|\.node$/.test(file)) seen.add(file);
  }
  return [...seen];
}

const limitNames = {
  'Max core file size': 'core_file_size_blocks', 'Max data size': 'data_seg_size_kbytes', 'Max file size': 'file_size_blocks',
  'Max locked memory': 'max_locked_memory_bytes', 'Max resident set': 'max_memory_size_kbytes', 'Max open files': 'open_files',
  'Max stack size': 'stack_size_bytes', 'Max cpu time': 'cpu_time_seconds', 'Max processes': 'max_user_processes',
  'Max address space': 'virtual_memory_kbytes',
};

function userLimits() {
  const limits = {};
  for (const line of readText('/proc/self/limits').split('\n').slice(1)) {
    const name = Object.keys(limitNames).find((prefix) => line.startsWith(prefix));
    if (!name) continue;
    const [soft, hard] = line.slice(26).trim().split(/\s+/).map((v) => (v === 'unlimited' ? v : Number(v)));
    limits[limitNames[name]] = { soft, hard };
  }
  return limits;
}

function resourceUsage() {
  const [user, system, maxRssKiB, minor, major, reads, writes] = processMethods.resourceUsage();
  const uptime = process.uptime();
  const percent = (micros) => Number(((micros / 1e6 / uptime) * 100).toFixed(4));
  return {
    free_memory: os.freemem(),
    total_memory: os.totalmem(),
    rss: process.memoryUsage.rss(),
    available_memory: os.freemem(),
    userCpuSeconds: user / 1e6,
    kernelCpuSeconds: system / 1e6,
    cpuConsumptionPercent: percent(user + system),
    userCpuConsumptionPercent: percent(user),
    kernelCpuConsumptionPercent: percent(system),
    maxRss: maxRssKiB * 1024,
    pageFaults: { IORequired: major, IONotRequired: minor },
    fsActivity: { reads, writes },
  };
}

function javascriptStack(error) {
  const source = error ?? Object.assign(new Error('JavaScript Callstack'), { code: 'ERR_SYNTHETIC' });
  const lines = String(source.stack ?? '').split('\n');
  const message = error ? lines[0] : 'Error [ERR_SYNTHETIC]: JavaScript Callstack';
  const errorProperties = {};
  for (const key of Object.keys(source)) errorProperties[key] = String(source[key]);
  return { message, stack: lines.slice(1).map((line) => line.trim()), errorProperties };
}

function header(event, trigger, filename) {
  const now = new Date();
  const flatInterfaces = Object.entries(os.networkInterfaces())
    .flatMap(([name, entries]) => entries.map(({ cidr, ...entry }) => ({ name, ...entry })));
  return {
    reportVersion: 3,
    event,
    trigger,
    filename,
    dumpEventTime: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    dumpEventTimeStamp: String(now.getTime()),
    processId: process.pid,
    threadId: 0,
    cwd: process.cwd(),
    commandLine: [process.argv0, ...process.execArgv, ...process.argv.slice(1)],
    nodejsVersion: process.version,
    glibcVersionRuntime: osBinding.glibcVersion(),
    glibcVersionCompiler: osBinding.glibcVersion(),
    wordSize: 64,
    arch: process.arch,
    platform: process.platform,
    componentVersions: { ...process.versions },
    release: { ...process.release },
    osName: os.type(),
    osRelease: os.release(),
    osVersion: os.version(),
    osMachine: os.machine(),
    cpus: os.cpus().map(({ model, speed, times }) => ({ model, speed, ...times })),
    networkInterfaces: report.excludeNetwork ? [] : flatInterfaces,
    host: os.hostname(),
  };
}

function build(event, trigger, filename, error) {
  const memory = process.memoryUsage();
  const usage = resourceUsage();
  return {
    header: header(event, trigger, filename),
    javascriptStack: javascriptStack(error),
    javascriptHeap: { totalMemory: memory.heapTotal, usedMemory: memory.heapUsed, externalMemory: memory.external, heapSpaces: {} },
    nativeStack: [],
    resourceUsage: usage,
    uvthreadResourceUsage: { userCpuSeconds: usage.userCpuSeconds, kernelCpuSeconds: usage.kernelCpuSeconds, fsActivity: usage.fsActivity },
    libuv: [],
    workers: [],
    environmentVariables: { ...process.env },
    userLimits: userLimits(),
    sharedObjects: sharedObjects(),
  };
}

let sequence = 0;

const report = {
  writeReport(file, error) {
    if (typeof file === 'object' && file !== null) {
      error = file;
      file = undefined;
    }
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}.${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    sequence++;
    const name = file ?? report.filename ?? `report.${stamp}.${process.pid}.0.${String(sequence).padStart(3, '0')}.json`;
    const target = name === 'stdout' || name === 'stderr' || name.startsWith('/') || !report.directory ? name : `${report.directory}/${name}`;
    const text = JSON.stringify(build('JavaScript API', 'API', name, error), null, report.compact ? 0 : 2);
    if (target === 'stdout' || target === 'stderr') process[target].write(`${text}\n`);
    else fs.writeFileSync(target, `${text}\n`);
    return name;
  },
  getReport(error) {
    return build('JavaScript API', 'GetReport', null, error);
  },
  directory: '',
  filename: '',
  compact: false,
  excludeNetwork: false,
  signal: 'SIGUSR2',
  reportOnFatalError: false,
  reportOnSignal: false,
  reportOnUncaughtException: false,
};

module.exports = report;
