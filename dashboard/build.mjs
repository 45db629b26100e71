// Bundles the dashboard into target/dist (run by the Maven build after `npm ci`): one minified ES module with
// the ECharts parts the views use, the page and its stylesheet. Prints the bundle's gzipped size so the build log
// shows it next to the 500 KB budget, and writes it to target/dist/bundle-size.json for bench/dashboard.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const out = new URL('./target/dist/', import.meta.url);
const budgetBytes = 500 * 1024;

await mkdir(out, { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['chrome120', 'firefox120', 'safari16'],
  outfile: new URL('app.js', out).pathname,
  logLevel: 'warning',
});
await copyFile('src/index.html', new URL('index.html', out));
await copyFile('src/styles.css', new URL('styles.css', out));

let gzipped = 0;
for (const name of await readdir(out)) {
  if (/\.(js|css|html)$/.test(name)) gzipped += gzipSync(await readFile(new URL(name, out)), { level: 9 }).length;
}
await writeFile(new URL('bundle-size.json', out), JSON.stringify({ gzippedBytes: gzipped, budgetBytes }) + '\n');
console.log(`dashboard bundle: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${budgetBytes / 1024} KB)`);
if (gzipped > budgetBytes) {
  console.error('dashboard bundle exceeds its budget');
  process.exit(1);
}
