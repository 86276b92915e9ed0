/* Five Levers: keys 1-9 pick a reply (the button with that data-key),
   unless the focus is in a text field or a modifier key is held. */
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) {
    return;
  }
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) {
    return;
  }
  if (!/^[1-9]$/.test(event.key)) {
    return;
  }
  var button = document.querySelector('button[data-key="' + event.key + '"]');
  if (button && !button.disabled) {
    event.preventDefault();
    button.disabled = true;  /* one reply per key press */
    var form = button.form;
    var chosen = document.createElement("input");
    chosen.type = "hidden";
    chosen.name = button.name;
    chosen.value = button.value;
    form.appendChild(chosen);
    form.submit();
  }
});
/* A button that only opens a page is a GET form with no fields (so Space
   works, as on any button); the browser would add an empty "?" to its URL.
   With script, it opens the page's own address instead. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains("go") || form.method.toLowerCase() !== "get") {
    return;
  }
  if (new FormData(form).keys().next().done) {  /* nothing to send: no query */
    event.preventDefault();
    window.location.assign(form.action);
  }
});
