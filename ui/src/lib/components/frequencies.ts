import { t, type MessageKey } from '../i18n.svelte';

const FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;

/** The frequencies a report, review or committee can have, labelled in the UI language. */
export function frequencyOptions() {
  return FREQUENCIES.map((f) => ({ value: f, label: t(`frequency.${f}` as MessageKey) }));
}
