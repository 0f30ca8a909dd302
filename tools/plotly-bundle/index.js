// Entry point of the Cluster Atlas plotly.js bundle: plotly.js core plus the four trace
// types the dashboard draws, exposed as window.Plotly (esbuild --global-name=Plotly).
// dcc.Graph uses window.Plotly when it is defined, so Dash never fetches its full build.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/choropleth'), // regional maps
    require('plotly.js/lib/scattergeo'), // cluster markers on the maps
    require('plotly.js/lib/bar'), // ranked bars
    require('plotly.js/lib/scatter') // line charts (core registers it too; kept explicit)
]);

module.exports = Plotly;
