import { markUnknown } from '../../../inventory/unknown-fields.js';
import { pascalDeep, tagList, type ConfigItemMapper } from '../config-item-mapper.js';

/** What GetTrailStatus and GetEventSelectors add to a trail in the live scan; Config records neither. */
const NOT_RECORDED = ['IsLogging', 'EventSelectors', 'AdvancedEventSelectors'];

const trail: ConfigItemMapper = {
  configType: 'AWS::CloudTrail::Trail',
  type: 'aws.cloudtrail.trail',
  // Config records DescribeTrails' fields with the first letter lowered (trailARN, s3BucketName,
  // logFileValidationEnabled): raising it gives the API's names back. Whether the trail logs, and what,
  // is not recorded: those fields are unknown, so `cloudtrail-multi-region` leaves the trail undecided
  // while `cloudtrail-kms` and `cloudtrail-log-validation` judge it.
  toConfig: (item) => {
    const out = pascalDeep(item.configuration) as Record<string, unknown>;
    out.Name ??= item.resourceName ?? item.resourceId;
    if (item.arn) out.TrailARN ??= item.arn;
    out.TagsList = tagList(item.tags);
    markUnknown(out, NOT_RECORDED, 'AWS Config records no trail status or event selectors (the live aws source reads them)');
    return out;
  },
};

/** CloudTrail: trails (encryption, log file validation, multi-Region; not their status). */
export const cloudtrailConfigItemMappers: ConfigItemMapper[] = [trail];
