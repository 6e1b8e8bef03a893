// --pending-deprecation (or NODE_PENDING_DEPRECATION=1): Buffer() from node_modules,
// module.parent, non-string process.env values.
'use strict';
const { run, cleanEnv } = require('../../fixtures/cli/run.js');

const code = 'require("legacy-buffer")(); module.parent; process.env.CLI_TEST_VALUE = {}; console.log(process.env.CLI_TEST_VALUE)';
run(['-e', code], { env: cleanEnv() });
run(['--pending-deprecation', '-e', code], { env: cleanEnv() });
run(['-e', code], { env: cleanEnv({ NODE_PENDING_DEPRECATION: '1' }) });
run(['--pending-deprecation', '--no-deprecation', '-e', code], { env: cleanEnv() });
