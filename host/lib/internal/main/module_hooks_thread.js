'use strict';
// The hooks thread of module.register() and --experimental-loader (an internal thread).

require('internal/async_module_hooks').runHooksThread();
