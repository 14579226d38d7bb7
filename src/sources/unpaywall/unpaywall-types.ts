/** Wire shapes of the Unpaywall REST API v2 (https://unpaywall.org/data-format), the fields litmus reads. */
export interface UnpaywallLocation {
  url?: string | null;
  url_for_pdf?: string | null;
  url_for_landing_page?: string | null;
  host_type?: 'publisher' | 'repository' | string | null;
  license?: string | null;
  version?: string | null;
  evidence?: string | null;
  is_best?: boolean | null;
}

export interface UnpaywallRecord {
  doi: string;
  doi_url?: string | null;
  title?: string | null;
  genre?: string | null;
  is_oa: boolean;
  oa_status?: string | null;
  year?: number | null;
  published_date?: string | null;
  journal_name?: string | null;
  best_oa_location?: UnpaywallLocation | null;
  oa_locations?: UnpaywallLocation[] | null;
  z_authors?: { given?: string; family?: string; raw_author_name?: string }[] | null;
}
