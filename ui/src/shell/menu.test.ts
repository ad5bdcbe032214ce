import { describe, expect, it, vi } from 'vitest';
import { clickExport, offeredExports, watchOfferedExports } from './menu';

function screenWith(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

describe('the Export menu follows the screen', () => {
  it('offers the exports whose buttons the screen shows and can use', () => {
    const root = screenWith(`
      <button data-menu-export="packet">Export packet…</button>
      <button data-menu-export="calendar" disabled>Calendar (.ics)</button>
      <button data-menu-export="packet">Export packet again</button>
      <button>Something else</button>`);
    expect(offeredExports(root)).toEqual(['packet']);
    root.remove();
  });

  it('clicks the screen’s own button, and says when there is none to click', () => {
    const root = screenWith('<button data-menu-export="pack">Export…</button><button data-menu-export="calendar" disabled>x</button>');
    const clicked = vi.fn();
    root.querySelector('button')!.addEventListener('click', clicked);
    expect(clickExport('pack', root)).toBe(true);
    expect(clicked).toHaveBeenCalledOnce();
    expect(clickExport('calendar', root)).toBe(false);
    expect(clickExport('packet', root)).toBe(false);
    root.remove();
  });

  it('tells the shell when the offer changes, once per change', async () => {
    const root = screenWith('');
    const told: string[][] = [];
    const stop = watchOfferedExports((ids) => told.push(ids), root);
    root.innerHTML = '<button data-menu-export="scorecard" disabled>Export scorecard…</button>';
    await new Promise((r) => setTimeout(r, 50));
    root.querySelector('button')!.disabled = false;
    await new Promise((r) => setTimeout(r, 50));
    root.querySelector('button')!.textContent = 'Signing…';
    await new Promise((r) => setTimeout(r, 50));
    expect(told).toEqual([['scorecard']]);
    stop();
    root.remove();
  });
});
