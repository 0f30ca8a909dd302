// Bundle index.js into ../../assets/vendor/plotly-atlas.min.js with esbuild.
// Settings follow plotly.js's own esbuild-config.js (iife, global Plotly, global -> window,
// no AMD, es2016). Its GL/CSS plugins are left out: none of our four traces uses WebGL.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const OUTFILE = '../../assets/vendor/plotly-atlas.min.js';
const VERSION = createRequire(import.meta.url)('plotly.js/package.json').version;

// plotly.js's published bundles drop the attribute `description` texts (they only feed the
// schema docs); we do the same. Only whole-line string literals, or arrays of them joined
// with .join('...'), are removed, so a pattern can never cut into code.
const STRING = String.raw`'(?:[^'\\\n]|\\.)*'`;
const DESCRIPTION_LINE = new RegExp(String.raw`\n[ \t]*description: ${STRING},?(?=\n)`, 'g');
const DESCRIPTION_ARRAY = new RegExp(
    String.raw`\n[ \t]*description: \[(?:\s*${STRING},?)*\s*\]\.join\(\s*'[^']*'\s*\),?(?=\n)`, 'g');

const stripDescriptions = {
    name: 'strip-attribute-descriptions',
    setup(b) {
        b.onLoad({ filter: /[\\/]plotly\.js[\\/]src[\\/].*\.js$/ }, async (args) => {
            const source = await readFile(args.path, 'utf8');
            const contents = source.replace(DESCRIPTION_ARRAY, '').replace(DESCRIPTION_LINE, '');
            return { contents, loader: 'js' };
        });
    }
};

await build({
    entryPoints: ['index.js'],
    outfile: OUTFILE,
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    // registry.js requires maplibre-gl.css only for `map` subplots, which we don't include;
    // an empty module keeps esbuild from writing an unused .css that Dash would serve.
    loader: { '.css': 'empty' },
    legalComments: 'eof',
    plugins: [stripDescriptions],
    banner: {
        js: [
            '/**',
            `* plotly.js v${VERSION} (Cluster Atlas custom bundle: choropleth, scattergeo, bar, scatter)`,
            '* Copyright 2012-2026, Plotly, Inc.',
            '* All rights reserved.',
            '* Licensed under the MIT license',
            '* Rebuild: tools/plotly-bundle/build.sh',
            '*/'
        ].join('\n')
    },
    logLevel: 'warning'
});
