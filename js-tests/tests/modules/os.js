// The os module: uname, user, directories, CPUs, memory and constants as node reports them
// (values that change between calls are checked for their type and shape only).
const os = require('os');
console.log(os.EOL === '\n', os.devNull, os.arch(), os.platform(), os.type(), os.release(), os.version(), os.machine(), os.endianness());
console.log(os.hostname(), os.homedir(), os.tmpdir(), os.availableParallelism(), `${os.hostname}` === os.hostname());
const cpus = os.cpus();
console.log(cpus.length, cpus[0].model, typeof cpus[0].speed, Object.keys(cpus[0].times));
console.log(cpus.every((cpu) => Object.values(cpu.times).every(Number.isInteger)));
console.log(os.userInfo(), os.userInfo({ encoding: 'buffer' }).username instanceof Buffer);
console.log(typeof os.totalmem(), os.totalmem() > os.freemem(), os.freemem() > 0, os.loadavg().length, os.uptime() > 0);
console.log(os.constants.signals.SIGTERM, os.constants.errno.ENOENT, os.constants.priority.PRIORITY_HIGH, os.constants.dlopen.RTLD_NOW);
console.log(Object.keys(os.constants.signals).length, Object.keys(os.constants.errno).length);
process.env.TMPDIR = '/var/tmp/';
console.log(os.tmpdir());
console.log(os.networkInterfaces());
console.log(os.getPriority(), os.getPriority(process.pid));
try { os.getPriority(99999999); } catch (e) { console.log(e.name, e.code, e.message, e.info, e.errno, e.syscall); }
try { os.setPriority(99); } catch (e) { console.log(e.name, e.code, e.message); }
os.setPriority(0, 5); console.log(os.getPriority());
