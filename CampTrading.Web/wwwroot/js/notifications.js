// The tab badge of the web notifications: "(2) " before the page's title while the tab is in the background, cleared as soon
// as the student looks at it again. The title itself belongs to the pages (<PageTitle>): the count is put back when it changes.
let count = 0;
const prefix = /^\(\d+\) /;
const base = () => document.title.replace(prefix, '');
const apply = () => {
  const wanted = count > 0 ? `(${count}) ${base()}` : base();
  if (document.title !== wanted) document.title = wanted;
};
const looking = () => document.visibilityState === 'visible' && document.hasFocus();
const clear = () => { if (looking() && count > 0) { count = 0; apply(); } };

let watching = false;
function watch() {
  if (watching) return;
  watching = true;
  document.addEventListener('visibilitychange', clear);
  addEventListener('focus', clear);
  const title = document.querySelector('title');
  if (title) new MutationObserver(() => { if (count > 0 && !prefix.test(document.title)) apply(); })
    .observe(title, { childList: true, characterData: true, subtree: true });
}

/** Counts n more notices, unless the student is looking at the page right now. */
export function bump(n) {
  watch();
  if (looking()) return;
  count += n;
  apply();
}
