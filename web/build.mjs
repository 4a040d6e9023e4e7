// Bundle the explorer into ../api/static (served by the API at GET /): app.js, app.css, index.html;
// and Swagger UI's files into ../api/static/swagger-ui (the API's /docs page).
// No CDN at run time: everything the page loads comes from this build.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'api', 'static');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
await copyFile(join(here, 'src', 'index.html'), join(out, 'index.html'));
await copyFile(join(here, 'src', 'app.css'), join(out, 'app.css'));

// Swagger UI for the API's /docs page, from the swagger-ui-dist package (no CDN: the page works
// offline and tells no third party who reads the API).
const swagger = join(here, 'node_modules', 'swagger-ui-dist');
const swaggerOut = join(out, 'swagger-ui');
await mkdir(swaggerOut, { recursive: true });
for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE', 'NOTICE']) {
  await copyFile(join(swagger, name), join(swaggerOut, name));
}
// The map's countries: Natural Earth 1:110m (outlines) and 1:50m (small states) through the world-atlas package (public domain data,
// ISC-licensed package), fetched by the page from the API itself when the map first opens.
const worldOut = join(out, 'world');
await mkdir(worldOut, { recursive: true });
const atlas = join(here, 'node_modules', 'world-atlas');
await copyFile(join(atlas, 'countries-110m.json'), join(worldOut, 'countries-110m.json'));
await copyFile(join(atlas, 'countries-50m.json'), join(worldOut, 'countries-50m.json'));
await copyFile(join(atlas, 'LICENSE'), join(worldOut, 'LICENSE'));
console.log(`explorer built into ${out}`);
