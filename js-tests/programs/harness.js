'use strict';
// Runs a real npm program (installed in js-tests/programs/node_modules) on a copy of a fixture
// project in a temporary directory, with the runtime running this test (process.execPath),
// and prints what it printed and its exit code with the parts that differ from run to run
// (the temporary directory, timings, the runtime's own name and version) normalized.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const modules = path.join(__dirname, 'node_modules');

function normalize(text, dir) {
  return text
    .split(fs.realpathSync(dir)).join('<dir>')
    .split(dir).join('<dir>')
    .split(modules).join('<node_modules>')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\b\d+(\.\d+)?\s?(ms|s)\b/g, 'N$2')
    .replace(/^\s+at .*\n/gm, '');
}

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) copyTree(source, target);
    else fs.copyFileSync(source, target);
  }
}

// Runs `bin` (a path inside node_modules, or absolute) with `args` in a copy of
// fixtures/programs/<fixture>, or each of `commands` ({ bin, args }) in turn in the same copy.
// `show` lists files of the project to print afterwards (outputs the program wrote).
// `linkModules: false` leaves the project without node_modules (a package manager makes it).
exports.runProgram = function runProgram({ fixture, bin, args = [], commands = [{ bin, args }], show = [], env = {},
                                           linkModules = true }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `anode-program-${fixture}-`));
  try {
    copyTree(path.join(__dirname, '..', 'fixtures', 'programs', fixture), dir);
    if (linkModules) fs.symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
    for (const command of commands) {
      const result = spawnSync(process.execPath, [path.resolve(modules, command.bin), ...command.args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...env },
        timeout: 120000,
      });
      if (result.error) throw result.error;
      const shown = path.isAbsolute(command.bin) ? path.basename(command.bin) : command.bin;
      console.log(`$ ${shown} ${command.args.join(' ')}`);
      console.log(`exit ${result.status}${result.signal ? ` signal ${result.signal}` : ''}`);
      console.log('--- stdout\n' + normalize(result.stdout, dir).trimEnd());
      console.log('--- stderr\n' + normalize(result.stderr, dir).trimEnd());
    }
    for (const file of show) {
      const full = path.join(dir, file);
      const listing = fs.statSync(full).isDirectory() ?
        fs.readdirSync(full, { recursive: true }).sort().join('\n') :
        fs.readFileSync(full, 'utf8').trimEnd();
      console.log(`--- ${file}\n${listing}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
