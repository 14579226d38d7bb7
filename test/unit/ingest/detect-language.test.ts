import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/ingest/detect-language.ts';

// The same finding written in five languages (by hand, for this test).
const abstracts: Record<string, string> = {
  en: 'We study English intermediate-task training before zero-shot cross-lingual transfer. Intermediate-task training on MNLI improves XNLI accuracy by 2.1 points over direct fine-tuning.',
  de: 'Wir untersuchen das Training mit Zwischenaufgaben auf Englisch vor dem sprachübergreifenden Transfer. Das Training auf MNLI verbessert die Genauigkeit auf XNLI um 2,1 Punkte gegenüber der direkten Feinabstimmung.',
  fr: "Nous étudions l'entraînement sur une tâche intermédiaire en anglais avant le transfert interlingue. L'entraînement sur MNLI améliore la précision sur XNLI de 2,1 points par rapport au réglage fin direct.",
  es: 'Estudiamos el entrenamiento con tareas intermedias en inglés antes de la transferencia entre idiomas. El entrenamiento en MNLI mejora la precisión en XNLI en 2,1 puntos frente al ajuste fino directo.',
  zh: '我们研究了在跨语言迁移之前进行英语中间任务训练。在MNLI上的中间任务训练使XNLI的准确率比直接微调提高了2.1个百分点。这一结果在多种语言上都成立。',
};

describe('a paper’s language', () => {
  it('reads a dense technical English abstract as English (n-grams alone once said Volapük)', () => {
    expect(
      detectLanguage({ title: 'Intermediate-Task Training Helps Cross-Lingual Transfer', abstract: abstracts.en }),
    ).toMatchObject({ language: 'en', basis: 'abstract' });
  });

  it('tells German, French, Spanish and Chinese abstracts apart from English', () => {
    for (const lang of ['de', 'fr', 'es', 'zh'])
      expect(detectLanguage({ abstract: abstracts[lang] }).language).toBe(lang);
  });

  it('gives no language for too little text', () => {
    expect(detectLanguage({ title: 'BERT' })).toEqual({ language: null, confidence: 0, basis: 'none' });
  });
});
