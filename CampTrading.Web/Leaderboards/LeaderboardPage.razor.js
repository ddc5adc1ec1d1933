// The pinned "your rank" bar shows only while the student's own row is out of view (scrolled away or below the top 100).
export function pinWhenOffScreen(page) {
  let frame = 0;
  const check = () => {
    frame = 0;
    const pinned = page.querySelector('[data-testid=my-rank-pinned]');
    if (!pinned) return;
    const row = page.querySelector('[data-testid=my-row]');
    const top = Math.max(0, ...[...document.querySelectorAll('.app-header, .student-nav')]
      .map(e => e.getBoundingClientRect()).filter(b => b.top < innerHeight / 2).map(b => b.bottom));
    const box = row?.getBoundingClientRect();
    const inView = !!box && box.top >= top && box.bottom <= pinned.getBoundingClientRect().top;
    pinned.classList.toggle('in-view', inView);
  };
  const schedule = () => { if (!frame) frame = requestAnimationFrame(check); };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule);
  const changes = new MutationObserver(schedule);
  changes.observe(page, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'data-testid'] });
  check();
  return {
    dispose() {
      removeEventListener('scroll', schedule);
      removeEventListener('resize', schedule);
      changes.disconnect();
    },
  };
}
