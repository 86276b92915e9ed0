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
/* In a list marked data-arrows (the quarter's pages: the accounts of the
   plan, one account's contact options), the arrow keys move the focus from
   choice to choice as in a menu, Home and End to the first and the last;
   Tab still reaches every choice, Enter or Space picks the one in focus. */
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey || event.defaultPrevented) {
    return;
  }
  var moves = {ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: "first", End: "last"};
  var move = moves[event.key];
  var here = event.target;
  if (move === undefined || !here || here.tagName !== "BUTTON") {
    return;
  }
  var list = here.closest("[data-arrows]");
  if (!list) {
    return;
  }
  var buttons = Array.prototype.slice.call(list.querySelectorAll("button"));
  var at = buttons.indexOf(here);
  var to = move === "first" ? 0 : move === "last" ? buttons.length - 1
    : Math.min(buttons.length - 1, Math.max(0, at + move));
  event.preventDefault();  /* the arrows move the focus, not the page */
  buttons[to].focus();
});
