import { Type, type Static } from '@sinclair/typebox';
import { tagAction } from './tag-resource.js';

const Params = Type.Object(
  {
    value: Type.String({ minLength: 1, default: 'unclassified', description: 'The data-classification value when nobody answered (it shows up in every review).' }),
    overwrite: Type.Boolean({ default: true, description: 'Replace a value outside the scheme.' }),
  },
  { additionalProperties: false },
);

/** Tags an unlabelled data store `data-classification=unclassified` (policy data-classification-tagged). */
export const tagSetDataClassification = tagAction<Static<typeof Params>>({
  name: 'tag.set-data-classification',
  description: 'Sets the data-classification tag (default "unclassified") so the store shows up in every review.',
  schema: Params,
  resourceTypes: ['aws.s3.bucket', 'aws.rds.db-instance', 'aws.dynamodb.table', 'aws.redshift.cluster'],
  want: (p) => ({ 'data-classification': p.value }),
});
