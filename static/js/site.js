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
  var FILTER_LINKS = ".with-sidebar .sidebar a, .with-sidebar .chips a, .with-sidebar .pagination a";
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
        var lead = main.querySelector(".page-head .lead");
        announce(lead ? lead.textContent.trim() : document.title);
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

  // ---------- Lists ----------
  // "Save to a list" links to a page with the talk's list form; here that form opens in
  // place instead, and ticking a list saves at once. On a list's own page, moving and
  // removing talks happen in place. Any failure falls back to the ordinary page or form.
  function postForm(form, data) {
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) throw new Error("not JSON: " + response.status);
      return response.json().then(function (data) {
        if (!response.ok && !data.error) throw new Error("failed: " + response.status);
        return data;
      });
    });
  }

  // One request at a time per form, each sending the form as it is when its turn comes.
  function queue(form, send) {
    var previous = form.confnotesQueue || Promise.resolve();
    var next = previous.catch(function () {}).then(send);
    form.confnotesQueue = next;
    return next;
  }

  var listPanels = 0;

  function closeListPanel(control, focusLink) {
    var panel = control.querySelector(".list-panel");
    var link = control.querySelector("[data-list-menu]");
    if (panel) panel.remove();
    if (link) {
      link.setAttribute("aria-expanded", "false");
      if (focusLink) link.focus();
    }
  }

  function loadListPanel(link, focusSelector) {
    var control = link.closest("[data-list-control]");
    return fetch(link.href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("text/html") === -1) throw new Error("not a page");
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var form = page.querySelector("[data-list-form]");
        if (!form) throw new Error("no list form"); // signed out meanwhile: the login page
        var panel = control.querySelector(".list-panel");
        if (!panel) {
          panel = document.createElement("div");
          panel.className = "list-panel";
          panel.id = "list-panel-" + (++listPanels);
          control.appendChild(panel);
        }
        panel.replaceChildren(document.importNode(form, true));
        link.setAttribute("aria-controls", panel.id);
        link.setAttribute("aria-expanded", "true");
        var target = panel.querySelector(focusSelector || "input[type=checkbox]");
        if (target) target.focus();
      });
  }

  function listName(box) {
    return (box.closest("label") || box).textContent.trim();
  }

  if (window.fetch && window.FormData && window.DOMParser) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest("[data-list-menu]");
      if (!link || isModified(event)) return;
      event.preventDefault();
      var control = link.closest("[data-list-control]");
      if (control.querySelector(".list-panel")) {
        closeListPanel(control, false);
        return;
      }
      loadListPanel(link).catch(function () {
        window.location.assign(link.href);
      });
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var control = event.target.closest && event.target.closest("[data-list-control]");
      if (control && control.querySelector(".list-panel")) closeListPanel(control, true);
    });

    // Ticking or unticking a list saves the form's ticks (not a new list's name yet).
    document.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("[data-list-form] input[type=checkbox]")) return;
      var form = box.closest("[data-list-form]");
      form.setAttribute("aria-busy", "true");
      queue(form, function () {
        var data = new FormData(form);
        data.delete("new_list");
        return postForm(form, data);
      })
        .then(function (data) {
          if (data.error) throw new Error(data.error);
          form.removeAttribute("aria-busy");
          announce((box.checked ? "Saved in " : "Taken out of ") + listName(box));
        })
        .catch(function () {
          form.submit();
        });
    });

    // "Save" in a panel (a new list's name, say): saved, then the panel shows the lists anew.
    document.addEventListener("submit", function (event) {
      var form = event.target.closest(".list-panel [data-list-form]");
      if (!form) return;
      event.preventDefault();
      var control = form.closest("[data-list-control]");
      var link = control.querySelector("[data-list-menu]");
      queue(form, function () {
        return postForm(form, new FormData(form));
      })
        .then(function (data) {
          if (data.error) {
            var problem = form.querySelector(".form-error-summary");
            if (!problem) {
              problem = document.createElement("p");
              problem.className = "form-error-summary";
              problem.setAttribute("role", "alert");
              form.prepend(problem);
            }
            problem.textContent = data.error + " Nothing was changed.";
            return;
          }
          announce("Saved");
          return loadListPanel(link, "button[type=submit]");
        })
        .catch(function () {
          form.submit();
        });
    });

    // A list's own page: move a talk up or down, or take it out, in place.
    document.addEventListener("submit", function (event) {
      var form = event.target.closest("[data-list-move], [data-list-remove]");
      if (!form) return;
      event.preventDefault();
      var item = form.closest(".list-item");
      var items = Array.prototype.slice.call(item.parentElement.children);
      var direction = form.querySelector("[name=direction]");
      var data = new FormData(form);
      if (direction) {
        // The place it should end up in, so that sending it again cannot move it twice.
        data.append("to", items.indexOf(item) + (direction.value === "up" ? -1 : 1));
      }
      queue(form, function () {
        return postForm(form, data);
      })
        .then(function (result) {
          if (result.error) throw new Error(result.error);
          if (direction) {
            moveListItem(item, result.position, direction.value);
          } else {
            removeListItem(item, result.count);
          }
        })
        .catch(function () {
          form.submit();
        });
    });
  }

  function refreshMoveButtons(list) {
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      var buttons = items[i].querySelectorAll("[data-list-move] button");
      buttons[0].disabled = i === 0;
      buttons[buttons.length - 1].disabled = i === items.length - 1;
    }
  }

  function moveListItem(item, position, direction) {
    var list = item.parentElement;
    var others = Array.prototype.filter.call(list.children, function (other) {
      return other !== item;
    });
    list.insertBefore(item, others[position] || null);
    refreshMoveButtons(list);
    var buttons = item.querySelectorAll("[data-list-move] button");
    var button = direction === "up" ? buttons[0] : buttons[buttons.length - 1];
    if (button.disabled) button = direction === "up" ? buttons[buttons.length - 1] : buttons[0];
    button.focus();
    announce("Moved to place " + (position + 1) + " of " + list.children.length);
  }

  function removeListItem(item, count) {
    var list = item.parentElement;
    var next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    refreshMoveButtons(list);
    var label = document.querySelector("[data-list-count]");
    if (label) label.textContent = count + " talk" + (count === 1 ? "" : "s");
    if (!list.children.length) {
      var empty = document.querySelector("[data-list-empty]");
      if (empty) empty.hidden = false;
      list.remove();
    }
    var focus = next ? next.querySelector("[data-list-remove] button") : document.querySelector("h1");
    if (focus && focus.tagName === "H1") focus.setAttribute("tabindex", "-1");
    if (focus) focus.focus();
    announce("Removed from the list");
  }

  window.confnotes = { loadVideo: loadVideo, playAt: playAt, swapPage: swapPage };
})();
