/**
 * Which domain a claim comes from, to pick the calibration its confidence rests on: the paper's
 * arXiv categories when known, else the vocabulary of the claim and its evidence. `null` when
 * neither speaks clearly (the pooled calibration then applies).
 */
export type Domain = 'ml' | 'biomedical';

const ML_CATEGORY = /^(?:cs\.|stat\.ml|eess\.(?:as|iv|sp))/i;
const BIO_CATEGORY = /^(?:q-bio\.|physics\.med-ph)/i;

const ML_WORDS = new Set(
  (
    'model models neural network networks training trained train dataset datasets benchmark benchmarks baseline ' +
    'baselines accuracy bleu rouge f1 precision recall perplexity transformer transformers bert gpt lstm rnn cnn ' +
    'embedding embeddings encoder decoder attention fine-tuning fine-tuned pretrained pre-trained learning ' +
    'classifier classification regression inference tokens token corpus corpora annotation annotated parser ' +
    'parsing translation summarization supervised unsupervised algorithm epochs hyperparameters gradient loss ' +
    'layer layers architecture outperforms outperform sota state-of-the-art nlp language-model gpu'
  ).split(' '),
);
const BIO_WORDS = new Set(
  (
    'patients patient clinical disease diseases cell cells cellular protein proteins gene genes genetic mice mouse ' +
    'tumor tumour cancer infection infections virus viral covid-19 covid sars-cov-2 vaccine vaccines treatment ' +
    'therapy therapeutic drug drugs dose doses mortality risk trial trials randomized cohort incidence symptoms ' +
    'expression receptor receptors tissue blood plasma serum insulin inflammation immune antibody antibodies ' +
    'hospital hospitalized pregnancy women children placebo mutation mutations enzyme metabolic'
  ).split(' '),
);

export function detectDomain(text: string, categories: readonly string[] = []): Domain | null {
  if (categories.some((c) => ML_CATEGORY.test(c))) return 'ml';
  if (categories.some((c) => BIO_CATEGORY.test(c))) return 'biomedical';
  let ml = 0;
  let bio = 0;
  for (const word of text.toLowerCase().match(/[a-z0-9][a-z0-9-]*/g) ?? []) {
    if (ML_WORDS.has(word)) ml++;
    else if (BIO_WORDS.has(word)) bio++;
  }
  if (ml >= 2 && ml >= 1.5 * bio) return 'ml';
  if (bio >= 2 && bio >= 1.5 * ml) return 'biomedical';
  return null;
}
