import { useAdminTexts } from './admin-i18n';
import { Field, Section } from './form';

/** 大厅: the hall's name and time zone, and what its tickets print. */
export function HallPage(props: { onExport: () => void }) {
  const t = useAdminTexts();
  const h = t.hall;
  return (
    <>
      <Section
        title={h.basics}
        actions={
          <button type="button" onClick={props.onExport}>
            {t.exportYaml}
          </button>
        }
      >
        <Field path={['name']} label={h.name} kind="text" />
        <Field path={['nameEn']} label={h.nameEn} kind="text" wide />
        <Field path={['timeZone']} label={h.timeZone} kind="text" />
      </Section>
      <Section title={h.printing}>
        <Field path={['printing', 'ticketNotice']} label={h.ticketNotice} kind="text" wide />
        <Field path={['printing', 'validity']} label={h.validity} kind="text" />
        <Field path={['printing', 'telephone']} label={h.telephone} kind="text" />
        <Field path={['printing', 'hours']} label={h.hours} kind="text" wide />
        <Field path={['printing', 'noticeCopies']} label={h.noticeCopies} kind="number" step={1} />
        <Field path={['printing', 'marks']} label={h.marks} kind="checkbox" />
      </Section>
    </>
  );
}
