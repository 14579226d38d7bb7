/**
 * Words that tell a facet's role apart: who or what a question is about (people, natural languages)
 * and programming languages, which a question about "languages" may mean instead.
 */

/** People a question can be about ("researchers", "patients"); plural and singular forms. */
export const PEOPLE_NOUNS = new Set(
  `researcher researchers scientist scientists scholar scholars student students learner learners teacher teachers
   patient patients child children adult adults adolescent adolescents infant infants elderly women men
   developer developers programmer programmers engineer engineers clinician clinicians physician physicians
   doctor doctors nurse nurses user users reader readers writer writers annotator annotators participant
   participants consumer consumers worker workers speaker speakers novice novices expert experts reviewer reviewers`.split(
    /\s+/,
  ),
);

/** Natural languages a question may name (English names). */
export const NATURAL_LANGUAGES = [
  'English',
  'Chinese',
  'Mandarin',
  'Cantonese',
  'Spanish',
  'French',
  'German',
  'Italian',
  'Portuguese',
  'Dutch',
  'Russian',
  'Polish',
  'Czech',
  'Ukrainian',
  'Bulgarian',
  'Greek',
  'Turkish',
  'Arabic',
  'Hebrew',
  'Persian',
  'Farsi',
  'Urdu',
  'Hindi',
  'Bengali',
  'Marathi',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Gujarati',
  'Punjabi',
  'Japanese',
  'Korean',
  'Vietnamese',
  'Thai',
  'Indonesian',
  'Malay',
  'Tagalog',
  'Swahili',
  'Yoruba',
  'Igbo',
  'Hausa',
  'Amharic',
  'Zulu',
  'Xhosa',
  'Finnish',
  'Estonian',
  'Hungarian',
  'Swedish',
  'Norwegian',
  'Danish',
  'Icelandic',
  'Romanian',
  'Catalan',
  'Basque',
  'Welsh',
  'Irish',
  'Georgian',
  'Armenian',
  'Kazakh',
  'Uzbek',
  'Burmese',
  'Khmer',
  'Nepali',
  'Sinhala',
  'Quechua',
  'Haitian Creole',
];

/**
 * Qualifiers that restrict a question to a set of natural languages; each with the wordings a text
 * may use for the same set. "non-English" is met by any other language's name, too (added where used).
 */
export const LANGUAGE_QUALIFIERS: Record<string, string[]> = {
  'non-english': ['non-English', 'multilingual', 'cross-lingual', 'crosslingual', 'languages other than English'],
  multilingual: ['multilingual', 'cross-lingual', 'crosslingual', 'many languages', 'multiple languages'],
  'cross-lingual': ['cross-lingual', 'crosslingual', 'zero-shot transfer', 'multilingual'],
  'low-resource': ['low-resource', 'low resource', 'under-resourced', 'lower-resource'],
  monolingual: ['monolingual'],
};

/** Programming languages (as written in prose), for telling them apart from natural languages. */
export const PROGRAMMING_LANGUAGES = [
  'Python',
  'C++',
  'C',
  'C#',
  'Java',
  'JavaScript',
  'TypeScript',
  'Go',
  'Rust',
  'Ruby',
  'PHP',
  'Scala',
  'Kotlin',
  'Swift',
  'Perl',
  'Lua',
  'R',
  'Julia',
  'Haskell',
  'Bash',
  'Shell',
  'SQL',
  'Racket',
  'OCaml',
  'Dart',
  'Fortran',
];

/**
 * Words that restrict a phrase to some natural languages: "non-English", "low-resource", a language's
 * name. "multilingual" and "cross-lingual" name a kind of task ("cross-lingual transfer"), not a group.
 */
export function languageQualifier(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower === 'multilingual' || lower === 'cross-lingual') return null;
  if (lower in LANGUAGE_QUALIFIERS) return word;
  if (NATURAL_LANGUAGES.some((l) => l.toLowerCase() === lower)) return word;
  return null;
}

/** The wordings that meet a language restriction: its own, its qualifier group's, other languages' names. */
export function languageVariants(qualifier: string): string[] {
  const lower = qualifier.toLowerCase();
  const group = LANGUAGE_QUALIFIERS[lower];
  if (!group) return [qualifier];
  if (lower === 'non-english') return [...group, ...NATURAL_LANGUAGES.filter((l) => l !== 'English')];
  return group;
}
