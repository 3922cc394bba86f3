import { Type, type Static } from '@sinclair/typebox';
import { tagAction } from './tag-resource.js';

const Params = Type.Object(
  {
    tags: Type.Record(Type.String({ minLength: 1, maxLength: 128 }), Type.String({ maxLength: 256 }), { minProperties: 1, description: 'Tags to set.' }),
    overwrite: Type.Boolean({ default: false, description: 'Replace a value that is already set (default: only add missing keys).' }),
  },
  { additionalProperties: false },
);

/** Sets tags (owner, classification…) on any taggable resource. */
export const tagSet = tagAction<Static<typeof Params>>({
  name: 'tag.set',
  description: 'Sets the given tags on the resource (missing keys only unless overwrite).',
  schema: Params,
  resourceTypes: ['aws.s3.bucket', 'aws.ec2.instance', 'aws.rds.db-instance', 'aws.dynamodb.table', 'aws.redshift.cluster'],
  want: (p) => p.tags,
});
