// Search on a static copy of the site: the prebuilt index (search/index.json), every word of
// the query (or its stem) in an entry's statement, id or tags, in document order. `peercomp serve` ranks
// results on the server instead, and this file is not used there.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var query = (params.get("q") || "").trim();
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var root = document.querySelector("link[rel=stylesheet]").getAttribute("href").replace(/style\.css$/, "");
  if (!query) return;
  document.title = query + " · Search · peercomp";
  // Each word, and a plural or -ing/-ed form, by its stem ("models" finds "model").
  var words = query.toLowerCase().split(/\s+/).filter(Boolean).map(function (w) {
    return w.length > 4 && !/ss$/.test(w) ? w.replace(/(ing|ed|es|s)$/, "") : w;
  });
  status.textContent = "Searching…";
  fetch(root + "search/index.json").then(function (r) { return r.json(); }).then(function (index) {
    var found = index.filter(function (e) {
      var hay = (e.id + " " + e.text + " " + e.tags).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) !== -1; });
    });
    found.slice(0, 100).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.path;
      var id = document.createElement("span");
      id.className = "id";
      id.textContent = e.framework + "/" + e.id;
      a.appendChild(id);
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      mark(li, e.text, words);
      list.appendChild(li);
    });
    var n = found.length;
    status.textContent = n + (n === 1 ? " result" : " results") + " for " + query + (n > 100 ? " (the first 100 shown)" : "");
  }).catch(function () {
    status.textContent = "The search index could not be read. Browse the tags or the categories instead.";
  });
  // The text, with each word of the query marked where it occurs.
  function mark(parent, text, words) {
    var lower = text.toLowerCase(), at = 0;
    while (at < text.length) {
      var next = -1, len = 0;
      words.forEach(function (w) {
        var i = lower.indexOf(w, at);
        if (i !== -1 && (next === -1 || i < next)) { next = i; len = w.length; }
      });
      if (next === -1) { parent.appendChild(document.createTextNode(text.slice(at))); return; }
      parent.appendChild(document.createTextNode(text.slice(at, next)));
      var m = document.createElement("mark");
      m.textContent = text.slice(next, next + len);
      parent.appendChild(m);
      at = next + len;
    }
  }
})();
