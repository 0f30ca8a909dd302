/* Cluster Atlas client-side helpers (served from /assets: no inline script, CSP-friendly). */
(function () {
  var fresh = true; // true right after a page load or a back/forward move
  window.addEventListener("popstate", function () { fresh = true; });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlas: {
      /* Keep the address bar on the view's canonical query string without telling Dash's
         router (the page already shows that state). The first call after a load or a
         back/forward move only tidies the URL; later calls add a history entry. */
      pushQuery: function (query) {
        var target = window.location.pathname + (query || "");
        var current = window.location.pathname + window.location.search;
        if (target !== current) {
          if (fresh) {
            window.history.replaceState(null, "", target);
          } else {
            window.history.pushState(null, "", target);
          }
        }
        fresh = false;
        return window.dash_clientside.no_update;
      },
    },
  });
})();
