/**
 * Wire shapes of the OpenAlex API (only the fields litmus reads), as documented at
 * https://docs.openalex.org/api-entities/works/work-object and …/location-object.
 */
export interface OpenAlexSource {
  id?: string | null;
  display_name?: string | null;
  type?: string | null;
}

export interface OpenAlexLocation {
  is_oa?: boolean | null;
  landing_page_url?: string | null;
  pdf_url?: string | null;
  source?: OpenAlexSource | null;
  license?: string | null;
  version?: string | null;
}

export interface OpenAlexAuthorship {
  author_position?: string | null;
  author?: { id?: string | null; display_name?: string | null; orcid?: string | null } | null;
  institutions?: { display_name?: string | null }[] | null;
  raw_author_name?: string | null;
}

export interface OpenAlexWork {
  id: string;
  doi?: string | null;
  title?: string | null;
  display_name?: string | null;
  publication_year?: number | null;
  publication_date?: string | null;
  type?: string | null;
  language?: string | null;
  ids?: { openalex?: string; doi?: string; mag?: number | string; pmid?: string; pmcid?: string } | null;
  primary_location?: OpenAlexLocation | null;
  best_oa_location?: OpenAlexLocation | null;
  locations?: OpenAlexLocation[] | null;
  open_access?: { is_oa?: boolean; oa_status?: string; oa_url?: string | null } | null;
  authorships?: OpenAlexAuthorship[] | null;
  biblio?: {
    volume?: string | null;
    issue?: string | null;
    first_page?: string | null;
    last_page?: string | null;
  } | null;
  abstract_inverted_index?: Record<string, number[]> | null;
  referenced_works?: string[] | null;
  is_retracted?: boolean | null;
  topics?: { id: string; display_name?: string | null }[] | null;
  concepts?: { id: string; display_name?: string | null; level?: number | null }[] | null;
}

export interface OpenAlexListPage {
  meta: { count: number; per_page?: number; page?: number | null; next_cursor?: string | null };
  results: OpenAlexWork[];
}
