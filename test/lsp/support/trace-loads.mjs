// `node --import ./trace-loads.mjs …` writes the URL of every module the program loads to standard
// error, one `load <url>` line each: ES modules, and CommonJS files other than Node's own.
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const loadCommonJs = Module._load;
Module._load = function (request, parent, isMain) {
  if (!Module.isBuiltin(request)) process.stderr.write('load ' + pathToFileURL(Module._resolveFilename(request, parent, isMain)).href + '\n');
  return loadCommonJs.apply(this, arguments);
};

const hooks = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('load ' + result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
