/**
 * Papers that share an author are not independent studies: the same group's second paper is not a
 * replication. Groups are the connected components of "shares an author" over the given papers.
 */
export function independentGroups(papers: { id: string; authors: string[] }[]): string[][] {
  const key = (name: string) =>
    name
      .normalize('NFKD')
      .replace(/[^\p{L}\s]/gu, '')
      .toLowerCase()
      .trim();
  const parent = new Map(papers.map((p) => [p.id, p.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const byAuthor = new Map<string, string>();
  for (const paper of papers) {
    for (const author of paper.authors.map(key).filter(Boolean)) {
      const other = byAuthor.get(author);
      if (other) parent.set(find(paper.id), find(other));
      else byAuthor.set(author, paper.id);
    }
  }
  const groups = new Map<string, string[]>();
  for (const paper of papers) groups.set(find(paper.id), [...(groups.get(find(paper.id)) ?? []), paper.id]);
  return [...groups.values()];
}

/** "one", "two", … for small counts: a count of the report's own papers is not a figure to check. */
export function countWord(n: number): string {
  return ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][n] ?? String(n);
}
