// The editors' pages: tag suggestions after the last comma, and a live Markdown preview
// of a note. Both are enhancements: without JavaScript the forms work as they are.
(function () {
  "use strict";

  // A <datalist> offers whole values; rewrite its options so that each one is what is
  // already typed up to the last comma, followed by a known tag.
  document.querySelectorAll("[data-tag-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var names = Array.prototype.map.call(list.options, function (option) {
      return option.value;
    });
    input.addEventListener("input", function () {
      var typed = input.value;
      var cut = typed.lastIndexOf(",");
      var head = cut >= 0 ? typed.slice(0, cut + 1) + " " : "";
      var current = typed.slice(cut + 1).trim().toLowerCase();
      var taken = typed.toLowerCase().split(",").map(function (part) {
        return part.trim();
      });
      var options = names.filter(function (name) {
        var lower = name.toLowerCase();
        return lower.indexOf(current) === 0 && taken.indexOf(lower) < 0;
      }).slice(0, 20);
      list.replaceChildren.apply(list, options.map(function (name) {
        var option = document.createElement("option");
        option.value = head + name;
        return option;
      }));
    });
  });

  // The note's body, rendered by the server as readers will see it, a moment after typing.
  var preview = document.querySelector("[data-preview-of]");
  var body = preview && document.getElementById(preview.getAttribute("data-preview-of"));
  var token = document.querySelector("[name=csrfmiddlewaretoken]");
  if (!body || !token || !window.fetch) return;
  var url = window.location.pathname.replace(/\/\d+\/change\/$|\/add\/$/, "/preview/");
  var timer = null;
  body.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var data = new FormData();
      data.append("body", body.value);
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value }
      })
        .then(function (response) {
          if (!response.ok) throw new Error("preview failed");
          return response.json();
        })
        .then(function (result) {
          preview.innerHTML = result.html; // sanitised by the server (nh3)
        })
        .catch(function () {});
    }, 300);
  });
})();
