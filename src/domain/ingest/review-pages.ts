/**
 * The review of a long report in pages. A page holds whole groups of linked suggestions: a
 * suggestion proposed as "the same claim as suggestion k" is on k's page, so every page can be
 * accepted on its own (an accept may name only items of the same step: accept-suggestions.ts).
 * Groups are laid out in the report's order and a page is filled up to `size` suggestions; a
 * group larger than a page gets a page of its own rather than being cut. Pure.
 */

/** Pages of suggestion indices, in order. `links` are each suggestion's proposed target item (if any). */
export function reviewPages(suggestions: { index: number; proposal: { mergeInto?: { item: number } | { claimId: number } } }[], size: number): number[][] {
  const parent = new Map<number, number>();
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let x = i; parent.get(x) !== r;) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const s of suggestions) parent.set(s.index, s.index);
  for (const s of suggestions) {
    const target = s.proposal.mergeInto;
    if (target && "item" in target && parent.has(target.item)) {
      const [a, b] = [find(s.index), find(target.item)];
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
    }
  }
  // groups in the order of their first suggestion
  const groups = new Map<number, number[]>();
  for (const s of [...suggestions].sort((a, b) => a.index - b.index)) {
    const root = find(s.index);
    const g = groups.get(root);
    if (g) g.push(s.index);
    else groups.set(root, [s.index]);
  }
  const pages: number[][] = [];
  let page: number[] = [];
  for (const g of [...groups.values()].sort((a, b) => a[0] - b[0])) {
    if (page.length && page.length + g.length > size) {
      pages.push(page);
      page = [];
    }
    page.push(...g);
  }
  if (page.length || !pages.length) pages.push(page);
  return pages.map((p) => p.sort((a, b) => a - b));
}
