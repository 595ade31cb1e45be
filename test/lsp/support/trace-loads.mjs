// `node --import ./trace-loads.mjs …` writes the URL of every module the program loads to standard
// error, one `load <url>` line each.
import { register } from 'node:module';

const hooks = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('load ' + result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
