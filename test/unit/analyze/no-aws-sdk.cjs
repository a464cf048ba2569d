// Preloaded by cli.test.ts: evaluating any module of the AWS SDK (bundled in dist/cli.js, so
// recognised by the __commonJS wrapper names esbuild keeps) throws. `check` must not need it.
const Module = require('node:module');
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (filename.endsWith('cli.js')) {
    content = content.replace(/"node_modules\/@aws-sdk\/[^"]+"\([^)]*\) \{/g, (m) => `${m} throw new Error('the AWS SDK was loaded');`);
  }
  return compile.call(this, content, filename);
};
