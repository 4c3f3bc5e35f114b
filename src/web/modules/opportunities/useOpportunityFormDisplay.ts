import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { Pipeline } from '../../../domain/pipelines/pipeline.schema.js';
import type { ValueFormatter } from '../../ui/stream/StreamEntryView.js';
import { opportunityInputValue } from './opportunityForm.js';
import { useOpportunityValueFormatter } from './useOpportunityValueFormatter.js';

/**
 * How the edit conflict dialog shows the form's values: each as the API takes it, in the words of the deal's
 * Stream (useOpportunityValueFormatter); the pipeline and stage by name.
 */
export function useOpportunityFormDisplay(opportunity: Opportunity, pipelines: Pipeline[]): ValueFormatter {
  const formatValue = useOpportunityValueFormatter(opportunity);
  return (field, value) => {
    if (field === 'pipelineId') return pipelines.find((p) => p.id === value)?.name ?? String(value ?? '');
    if (field === 'stageId') return pipelines.flatMap((p) => p.stages).find((s) => s.id === value)?.name ?? String(value ?? '');
    return formatValue(field, opportunityInputValue(field, value));
  };
}
