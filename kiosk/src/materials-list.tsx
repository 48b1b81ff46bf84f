import { useTexts } from './i18n';

/** 办事须知: the materials a resident brings for the service. */
export function MaterialsList({ materials }: { materials: string[] }) {
  const t = useTexts();
  return (
    <section className="materials" aria-label={t.materials}>
      <h2>{t.materials}</h2>
      {materials.length === 0 ? (
        <p>{t.noMaterials}</p>
      ) : (
        <ol>
          {materials.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
