// run(): events with ids (testId/parentId) in both isolation modes, isolation 'none' running
// the files in this process, the junit reporter, and node:test/reporters' spec callable without `new`.
'use strict';
const path = require('path');
const { run } = require('node:test');
const reporters = require('node:test/reporters');
const { fixtures } = require('../../fixtures/test-runner/run.js');

const file = path.join(fixtures, 'events.js');

async function events(isolation) {
  const seen = [];
  for await (const { type, data } of run({ files: [file], isolation })) {
    if (!['test:start', 'test:pass', 'test:fail', 'test:complete'].includes(type)) continue;
    const ids = `${typeof data.testId}/${typeof data.parentId}`;
    const marks = type === 'test:start' ? '' : ` skip=${data.skip} todo=${data.todo}`;
    seen.push(`${type} ${data.name} nesting=${data.nesting} ids=${ids}${marks}`);
  }
  return seen;
}

function normalizeJunit(text) {
  return text
    // The failure's body is the inspected error, stack frames and all.
    .replace(/(<failure[^>]*>)[\s\S]*?(<\/failure>)/g, '$1 ... $2')
    .replace(/time="[\d.]+"/g, 'time="*"')
    .replace(/timestamp="[^"]+"/g, 'timestamp="*"')
    .replace(/hostname="[^"]+"/g, 'hostname="*"')
    .replace(/duration_ms [\d.]+/g, 'duration_ms *')
    .replaceAll(fixtures, 'FIXTURES')
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n');
}

(async () => {
  // Isolation 'none' loads the file here, once (a second in-process run would find it cached).
  const none = await events('none');
  console.log(`isolation none:\n  ${none.filter((line) => !line.startsWith('test:complete')).join('\n  ')}`);
  const ids = new Set(none.filter((line) => line.startsWith('test:start')));
  console.log(`test:start events: ${ids.size}`);
  const byProcess = await events('process');
  console.log(`isolation process:\n  ${byProcess.filter((line) => !line.startsWith('test:complete')).join('\n  ')}`);

  let xml = '';
  for await (const chunk of run({ files: [file] }).compose(reporters.junit)) xml += chunk;
  console.log(normalizeJunit(xml));

  const spec = reporters.spec();
  console.log(`spec without new: ${typeof spec.write === 'function' && typeof spec.pipe === 'function'}`);

  try {
    run({ files: [file], isolation: 'bogus' });
  } catch (err) {
    console.log(`${err.code}: ${err.message}`);
  }
})();
