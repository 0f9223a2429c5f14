"""Streamlit's own words in the reader's language, where Streamlit 1.67 offers no parameter for them.

Where Streamlit takes a parameter, the app passes it (every select box's `placeholder=`, checked
by tests/test_i18n.py). Its file uploader ("Upload", "3MB per file"), its tables' and charts'
toolbars ("Show/hide columns", "Search", "Download as CSV", "Fullscreen"), the skip link and a
few labels of its frame take none. For those, a small script (sent with the sidebar's Copy link
button, so it adds nothing to the page's layout) rewrites the exact English texts listed below:
text in Streamlit's uploader, tooltips and skip link, and the aria-label, title and placeholder
attributes anywhere. It keeps each original, so switching the language back restores it, and it
watches the page, as Streamlit draws its elements again. If Streamlit renames one of these texts,
that text shows in English: nothing else changes (the README's table of Streamlit internals).

The uploader's limit says the app's own, 2 MB (ui/uploads.py), where Streamlit would say the
config's hard limit, which sits above it so that the app's message, which says what to do, is
the one a reader sees.
"""

from __future__ import annotations

import json

from itclusters.i18n import N_, _

# Streamlit's English text -> the same words, marked for the catalogue.
TEXTS = {
    "Skip to main content": N_("Skip to main content"),
    "Upload": N_("Upload"),
    "Drag and drop a file here": N_("Drag and drop a file here"),
    "file upload": N_("file upload"),
    "Show/hide columns": N_("Show/hide columns"),
    "Search": N_("Search"),
    "Type to search": N_("Type to search"),
    "Download as CSV": N_("Download as CSV"),
    "Fullscreen": N_("Fullscreen"),
    "Close fullscreen": N_("Close fullscreen"),
    "Show data": N_("Show data"),
    "Download as PNG": N_("Download as PNG"),
    "Copy Vega-Lite spec": N_("Copy Vega-Lite spec"),
    "Clear all": N_("Clear all"),
    "No results": N_("No results"),
    "Choose an option": N_("Choose an option"),
    "Choose options": N_("Choose options"),
    "Link to heading": N_("Link to heading"),
    "Main menu": N_("Main menu"),
    "Collapse sidebar": N_("Collapse sidebar"),
    "Expand sidebar": N_("Expand sidebar"),
    "Sidebar": N_("Sidebar"),
    "App pages": N_("App pages"),
}
# Streamlit's uploader says its hard limit ("3MB per file"); the app's own limit is what holds.
UPLOAD_LIMIT = r"^\d+(\.\d+)?MB per file$"
# Where text (not only attributes) is rewritten: Streamlit's own elements only.
TEXT_IN = (
    '[data-testid="stSkipToContent"], [data-testid="stFileUploaderDropzone"], [data-testid="stTooltipContent"], '
    '[data-testid="stMultiSelect"], [data-testid="stSelectbox"]'
)

SCRIPT = """<script>
(function () {
  var texts = __TEXTS__, limit = new RegExp(__LIMIT__), limitText = __LIMIT_TEXT__, textIn = __TEXT_IN__;
  window.__itcTexts = {texts: texts, limit: limit, limitText: limitText};
  if (window.__itcTextsWatching) { window.__itcTextsApply(document.body); return; }
  window.__itcTextsWatching = true;
  function say(original) {
    var t = window.__itcTexts;
    if (Object.prototype.hasOwnProperty.call(t.texts, original)) { return t.texts[original]; }
    return t.limit.test(original) ? t.limitText : null;
  }
  function rewrite(holder, get, set) {  // keeps the original, so another language can start from it
    var value = get(), mine = holder.__itc;
    var original = mine && value === mine.shown ? mine.original : value;
    var shown = say(original);
    if (shown === null) { holder.__itc = undefined; return; }
    holder.__itc = {original: original, shown: shown};
    if (value !== shown) { set(shown); }
  }
  function textNode(node) {
    var parent = node.parentElement;
    if (!parent || !parent.closest(textIn)) { return; }
    rewrite(node, function () { return node.nodeValue; }, function (v) { node.nodeValue = v; });
  }
  function attributes(element) {
    ["aria-label", "title", "placeholder"].forEach(function (name) {
      if (!element.hasAttribute(name)) { return; }
      element.__itcAttr = element.__itcAttr || {};
      var holder = element.__itcAttr[name] = element.__itcAttr[name] || {};
      rewrite(holder, function () { return element.getAttribute(name); },
        function (v) { element.setAttribute(name, v); });
    });
  }
  function apply(root) {
    if (root.nodeType === 3) { textNode(root); return; }
    if (root.nodeType !== 1) { return; }
    attributes(root);
    root.querySelectorAll("[aria-label], [title], [placeholder]").forEach(attributes);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) { textNode(node); }
  }
  window.__itcTextsApply = apply;
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "childList") { change.addedNodes.forEach(apply); }
      else if (change.type === "characterData") { textNode(change.target); }
      else { attributes(change.target); }
    });
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ["aria-label", "title", "placeholder"]});
  apply(document.body);
})();
</script>"""


def script() -> str:
    """The script, with the texts in this run's language."""
    texts = {english: _(words) for english, words in TEXTS.items()}
    values = {
        "__TEXTS__": json.dumps(texts, ensure_ascii=False),
        "__LIMIT__": json.dumps(UPLOAD_LIMIT),
        "__LIMIT_TEXT__": json.dumps(_("2 MB per file")),
        "__TEXT_IN__": json.dumps(TEXT_IN),
    }
    out = SCRIPT
    for key, value in values.items():
        out = out.replace(key, value.replace("</", "<\\/"))
    return out
