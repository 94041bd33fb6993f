// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // ---------- Click-to-load video ----------
  // Swap the facade link for the player only when asked; nothing is fetched from the
  // video host before that.
  function withStart(url, start) {
    if (typeof start !== "number" || !(start > 0)) return url;
    start = Math.floor(start);
    return url.indexOf("vimeo.com") !== -1
      ? url.replace(/#t=\d+s$/, "") + "#t=" + start + "s"
      : url.replace(/&start=\d+/, "") + "&start=" + start;
  }

  function loadVideo(facade, start) {
    var url = facade.getAttribute("data-embed-url");
    if (!url) return false;
    var box = facade.closest("[data-video]");
    var iframe = document.createElement("iframe");
    iframe.src = withStart(url, start);
    iframe.title = facade.getAttribute("data-embed-title") || "Video player";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    box.setAttribute("data-embed-url", url);
    box.replaceChildren(iframe);
    box.classList.add("is-playing");
    return true;
  }

  // Start (or restart) the page's player at a moment: for timed notes.
  function playAt(seconds) {
    var box = document.querySelector("[data-video]");
    if (!box) return false;
    var facade = box.querySelector(".video-facade");
    var iframe = box.querySelector("iframe");
    var done = facade ? loadVideo(facade, seconds) : false;
    if (!facade && iframe && box.getAttribute("data-embed-url")) {
      iframe.src = withStart(box.getAttribute("data-embed-url"), seconds);
      done = true;
    }
    if (done) box.scrollIntoView({ block: "nearest" });
    return done;
  }

  document.addEventListener("click", function (event) {
    if (isModified(event)) return;
    var facade = event.target.closest(".video-facade");
    if (facade && loadVideo(facade)) {
      event.preventDefault();
      return;
    }
    // A link to a moment of the talk (<a href="…&t=90s" data-seek="90">) plays it here
    // instead; without JavaScript it opens the video at that moment on its own site.
    var seek = event.target.closest("a[data-seek]");
    if (seek && playAt(parseFloat(seek.getAttribute("data-seek")))) {
      event.preventDefault();
    }
  });

  // ---------- Filters without a full reload ----------
  // Links in the filter sidebar, the active-filter chips and the pagination of a list
  // page only change the query string. Fetch the new page, swap <main>, keep the URL
  // and history in step. Any failure falls back to ordinary navigation.
  var FILTER_LINKS = ".with-sidebar .sidebar a, .with-sidebar .chips a, .with-sidebar .pagination a, .did-you-mean a";
  var announcer;

  function isModified(event) {
    return event.defaultPrevented || event.button !== 0 ||
      event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  }

  function announce(text) {
    if (!announcer) {
      announcer = document.createElement("div");
      announcer.className = "visually-hidden";
      announcer.setAttribute("role", "status");
      document.body.appendChild(announcer);
    }
    announcer.textContent = text;
  }

  // Where an element sits under <main>, as child indexes, to find its counterpart after a swap.
  function pathFrom(root, element) {
    var path = [];
    while (element && element !== root) {
      path.unshift(Array.prototype.indexOf.call(element.parentElement.children, element));
      element = element.parentElement;
    }
    return element === root ? path : null;
  }

  function follow(root, path) {
    var element = root;
    for (var i = 0; path && i < path.length && element; i++) {
      element = element.children[path[i]];
    }
    return element;
  }

  // A filter's name without its count or check mark: "security 2" and "security 1 ✓" match.
  function filterName(link) {
    return (link.textContent || "").replace(/[\d✓×]/g, "").replace(/\s+/g, " ").trim();
  }

  function focusAfterSwap(main, path, isPager, name) {
    var target = isPager ? null : follow(main, path);
    if (name && (!target || target.tagName !== "A" || filterName(target) !== name)) {
      // Facets are ordered by count, so the same filter may have moved: find it by name.
      target = Array.prototype.find.call(main.querySelectorAll(".sidebar a"), function (link) {
        return filterName(link) === name;
      }) || target;
    }
    if (!target || target.tagName !== "A") {
      target = main.querySelector("h1");
      if (target) target.setAttribute("tabindex", "-1");
    }
    if (target) target.focus({ preventScroll: !isPager });
    if (isPager) window.scrollTo(0, 0);
  }

  function swapPage(url, options) {
    var main = document.querySelector("main");
    var results = main.querySelector(".results");
    if (results) results.classList.add("is-loading");
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("text/html") === -1) throw new Error("not a page");
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("main");
        if (!fresh) throw new Error("no main");
        main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
        document.title = page.title;
        if (options.push) history.pushState({ confnotes: "filters" }, "", url);
        // The count, and "Did you mean …?" when there is one.
        var lead = Array.prototype.map.call(main.querySelectorAll(".page-head .lead"), function (p) {
          return p.textContent.trim();
        }).join(" ");
        announce(lead || document.title);
        if (options.focusPath !== undefined) {
          focusAfterSwap(main, options.focusPath, options.isPager, options.focusName);
        }
      })
      .catch(function () {
        window.location.assign(url);
      });
  }

  function sameList(url) {
    return url.origin === window.location.origin && url.pathname === window.location.pathname;
  }

  if (window.fetch && window.DOMParser && window.history && history.pushState) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest(FILTER_LINKS);
      if (!link || isModified(event) || link.target) return;
      var url = new URL(link.href, window.location.href);
      if (!sameList(url)) return;
      event.preventDefault();
      var main = document.querySelector("main");
      swapPage(url.href, {
        push: true,
        focusPath: pathFrom(main, link),
        focusName: link.closest(".sidebar") ? filterName(link) : "",
        isPager: !!link.closest(".pagination"),
      });
    });

    // GET forms on a list page (a search box, say) filter the same way.
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || !form.closest(".with-sidebar, .page-head")) return;
      if ((form.getAttribute("method") || "get").toLowerCase() !== "get") return;
      var url = new URL(form.action || window.location.href, window.location.href);
      if (!sameList(url)) return;
      event.preventDefault();
      url.search = new URLSearchParams(new FormData(form)).toString();
      swapPage(url.href, { push: true, focusPath: pathFrom(document.querySelector("main"), form) });
    });

    window.addEventListener("popstate", function (event) {
      if (!event.state || event.state.confnotes !== "filters") return;
      swapPage(window.location.href, { push: false });
    });
    // Mark the first entry so that coming back to it restores the unfiltered list.
    if (!history.state) history.replaceState({ confnotes: "filters" }, "");
  }

  // People's stars: the form posts without a reload and the button shows the new state.
  // Without fetch, or when it fails, the form is submitted the ordinary way.
  function showStar(form, starred, count) {
    var button = form.querySelector(".star-button");
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.querySelector(".star-icon").textContent = starred ? "★" : "☆";
    button.querySelector("[data-star-label]").textContent = starred ? "Starred" : "Star";
    form.querySelector("[data-star-action]").value = starred ? "unstar" : "star";
    form.querySelector("[data-star-count]").textContent = count ? "Starred by " + count : "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-star-form]");
    if (!form || !window.fetch || !window.FormData) return;
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    form.setAttribute("aria-busy", "true");
    // getAttribute: `form.action` would be the hidden input named "action".
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error("star failed: " + response.status);
        return response.json();
      })
      .then(function (data) {
        showStar(form, data.starred, data.count);
        form.removeAttribute("aria-busy");
      })
      .catch(function () {
        // The form says which state it wants, so sending it again cannot double-toggle.
        form.submit();
      });
  });

  // ---------- Filters on phones ----------
  // The "Filters" link above the results opens the filters in place: the sidebar moves
  // right after it (and back), so what is seen and the Tab order stay the same.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-filters-toggle]");
    if (!toggle || isModified(event)) return;
    var sidebar = document.getElementById(toggle.getAttribute("aria-controls"));
    var grid = document.querySelector(".with-sidebar");
    if (!sidebar || !grid) return;
    event.preventDefault();
    var open = toggle.getAttribute("aria-expanded") !== "true";
    if (open) {
      toggle.parentElement.after(sidebar);
    } else {
      grid.appendChild(sidebar);
    }
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) sidebar.focus();
  });

  // For lists.js (signed-in readers): what it shares with this file.
  window.confnotes = {
    loadVideo: loadVideo, playAt: playAt, swapPage: swapPage,
    announce: announce, isModified: isModified
  };
})();
