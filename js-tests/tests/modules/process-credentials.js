// process.getuid/geteuid/getgid/getegid/getgroups: the ids `id` reports, the effective group
// among the groups.
'use strict';
const { execFileSync } = require('child_process');

const id = (flag) => Number(execFileSync('id', [flag], { encoding: 'utf8' }).trim());
console.log(process.getuid() === id('-ru'), process.geteuid() === id('-u'));
console.log(process.getgid() === id('-rg'), process.getegid() === id('-g'));
const groups = process.getgroups();
console.log(Array.isArray(groups), groups.includes(process.getegid()), groups.every(Number.isInteger));
console.log(typeof process.getuid(), process.getgroups.length, process.getuid.name);
