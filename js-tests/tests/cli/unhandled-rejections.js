// --unhandled-rejections: each mode, with a rejection handled late.
'use strict';
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

for (const mode of [undefined, 'throw', 'strict', 'warn', 'none', 'warn-with-error-code']) {
  run([...(mode ? [`--unhandled-rejections=${mode}`] : []), 'rejections.js'], { env: cleanEnv() });
}
run(['rejections.js'], { env: cleanEnv({ NODE_OPTIONS: '--unhandled-rejections=warn' }) });
