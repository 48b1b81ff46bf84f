import { useTexts } from './i18n';
import { useNow } from './use-now';

/** 请您对本次服务作出评价, with the seconds left, until a rating arrives or time runs out. */
export function EvaluationBanner({ deadline }: { deadline: string }) {
  const t = useTexts();
  const now = useNow(1000);
  const left = Math.ceil((Date.parse(deadline) - now) / 1000);
  if (left <= 0) return null;
  return (
    <div className="evaluation" role="status" data-testid="evaluation">
      <strong>{t.evaluationPrompt}</strong>
      <span>{t.evaluationLeft(left)}</span>
    </div>
  );
}
