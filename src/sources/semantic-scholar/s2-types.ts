/** Wire shapes of the Semantic Scholar Graph API v1 (only the fields litmus asks for). */
export interface S2Author {
  authorId: string | null;
  name: string;
}

export interface S2Paper {
  paperId: string;
  externalIds?: Record<string, string | number | null> | null;
  url?: string | null;
  title?: string | null;
  abstract?: string | null;
  venue?: string | null;
  year?: number | null;
  publicationDate?: string | null;
  authors?: S2Author[] | null;
  openAccessPdf?: { url: string | null; status?: string | null; license?: string | null } | null;
  isOpenAccess?: boolean | null;
  citationCount?: number | null;
  referenceCount?: number | null;
  journal?: { name?: string | null; volume?: string | null; pages?: string | null } | null;
}

export interface S2Edge {
  contexts?: string[] | null;
  intents?: string[] | null;
  isInfluential?: boolean | null;
  citedPaper?: S2Paper | null;
  citingPaper?: S2Paper | null;
}

export interface S2EdgePage {
  offset: number;
  next?: number;
  data: S2Edge[];
}

export interface S2SearchPage {
  total: number;
  offset: number;
  next?: number;
  data: S2Paper[];
}

export interface S2MatchPage {
  data: (S2Paper & { matchScore?: number })[];
}
