// README's example, examples/hello.js, prints the same under every runtime.
require('../../../examples/hello.js');
