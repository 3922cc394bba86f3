import { singleTagAction } from './tag-resource.js';

/** Tags an instance without an owner `owner=unknown`, so it is listed for the fallback team (policy ec2-owner-tag). */
export const tagSetOwnerUnknown = singleTagAction({
  name: 'tag.set-owner-unknown',
  description: 'Sets owner=unknown on a resource without an owner tag (never replaces an existing owner).',
  resourceTypes: ['aws.ec2.instance', 'aws.s3.bucket', 'aws.rds.db-instance'],
  key: { name: 'key', default: 'owner', description: 'The owner tag key.' },
  value: { name: 'value', default: 'unknown', description: 'Marks the resource for the fallback team\'s review.' },
});
