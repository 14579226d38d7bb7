import type { ReportModel } from './report-model.ts';

/** report.json: the model as-is (it matches schemas/report.schema.json), pretty-printed. */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
