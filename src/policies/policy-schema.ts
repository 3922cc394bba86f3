import { SEVERITIES } from '../common/severity.js';
import type { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import type { FilterRegistry } from './filters/filter-registry.js';
import type { OperatorRegistry } from './operators/operator-registry.js';

type JsonSchema = Record<string, unknown>;

export interface SchemaRegistries {
  resourceTypes: ResourceTypeRegistry;
  operators: OperatorRegistry;
  filters: FilterRegistry;
}

/** Strips TypeBox's symbol keys and keeps plain JSON Schema. */
const plain = (s: unknown): JsonSchema => JSON.parse(JSON.stringify(s)) as JsonSchema;

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const orParam = (s: JsonSchema): JsonSchema => ({ anyOf: [s, ref('paramRef')] });

/** Risk classes, ordered from harmless to needing a person. */
export const RISK_CLASSES = ['safe', 'disruptive', 'irreversible', 'manual'] as const;

/** Framework ids are lowercase, optionally versioned: `dora`, `iso27001@2022`, `cis-aws@4.0`. */
export const FRAMEWORK_ID = '^[a-z][a-z0-9-]*(@[0-9][0-9a-z.-]*)?$';
export const POLICY_ID = '^[a-z0-9][a-z0-9-]*[a-z0-9]$';
export const ACTION_ID = '^[a-z0-9-]+\\.[a-z0-9-]+$';
export const DURATION = '^[0-9]+(m|h|d|w)$';

/**
 * The JSON Schema of a policy file, generated from the registries so that a new resource type,
 * operator or filter is completed by editors without touching the schema by hand.
 * `npx vigil schema` writes it to `schema/policy.schema.json`; a test fails when that file is stale.
 *
 * @example
 * const schema = buildPolicySchema({ resourceTypes, operators, filters });
 * schema.definitions.policy.properties.severity.enum; // ['critical', 'high', 'medium', 'low', 'info']
 */
export const buildPolicySchema = ({ resourceTypes, operators, filters }: SchemaRegistries) => {
  const operatorProps: Record<string, JsonSchema> = {};
  for (const op of operators.inRegistrationOrder()) operatorProps[op.name] = { description: op.description, ...orParam(plain(op.operand)) };
  const filterForms = filters.list().map((f) => {
    const p = plain(f.params);
    const props: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries((p.properties ?? {}) as Record<string, JsonSchema>)) props[k] = orParam(v);
    return {
      type: 'object',
      description: f.description,
      required: ['filter', ...((p.required as string[] | undefined) ?? [])],
      properties: { filter: { const: f.name }, ...props },
      additionalProperties: false,
    };
  });
  const types = resourceTypes.names();
  const resourceType = types.length ? { type: 'string', enum: types } : { type: 'string' };

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://vigil.dev/schema/policy.schema.json',
    title: 'Vigil policy file: one policy or a list of policies',
    oneOf: [ref('policy'), { type: 'array', items: ref('policy') }],
    definitions: {
      policy: {
        type: 'object',
        required: ['id', 'title', 'resource', 'severity', 'where', 'remediation'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: POLICY_ID, description: 'Unique id, kebab-case (the control catalogue id).' },
          title: { type: 'string', minLength: 3 },
          description: { type: 'string' },
          resource: {
            description: 'The resource type(s) the policy judges.',
            anyOf: [resourceType, { type: 'array', items: resourceType, minItems: 1, uniqueItems: true }],
          },
          severity: { type: 'string', enum: [...SEVERITIES] },
          frameworks: {
            type: 'object',
            description: 'Framework id → requirement reference(s), e.g. dora: "Art. 12(1)", cis-aws@4.0: "1.14".',
            propertyNames: { pattern: FRAMEWORK_ID },
            additionalProperties: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }] },
          },
          parameters: { type: 'object', propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }, additionalProperties: ref('parameter') },
          scope: { ...ref('condition'), description: 'Which resources the policy is about; others are not judged.' } as JsonSchema,
          where: { ...ref('condition'), description: 'The violation: a resource in scope that matches is out of policy.' } as JsonSchema,
          remediation: ref('remediation'),
          enabled: { type: 'boolean' },
          labels: { type: 'array', items: { type: 'string' } },
        },
      },
      parameter: {
        type: 'object',
        required: ['type', 'default', 'description'],
        additionalProperties: false,
        properties: {
          type: { enum: ['number', 'integer', 'string', 'boolean', 'string-list'] },
          default: {},
          description: { type: 'string' },
        },
      },
      remediation: {
        type: 'object',
        required: ['guidance'],
        additionalProperties: false,
        properties: {
          guidance: { type: 'string', minLength: 3 },
          console: { type: 'string' },
          cli: { type: 'string' },
          remind: {
            type: 'object',
            required: ['times', 'every'],
            additionalProperties: false,
            properties: { times: { type: 'integer', minimum: 0, maximum: 50 }, every: { type: 'string', pattern: DURATION } },
          },
          enforce: { type: 'string', pattern: ACTION_ID, description: 'Enforcement action id, e.g. s3.block-public-access.' },
          params: { type: 'object', description: "Parameters of the enforce action, checked against the action's own JSON Schema when policies load." },
          escalate: { type: 'string', minLength: 1, description: 'Instead of enforcing: the team the violation goes to when the reminders run out.' },
          risk: { enum: [...RISK_CLASSES] },
          reversible: { type: 'boolean' },
          approval: { type: 'boolean' },
        },
      },
      paramRef: { type: 'object', required: ['param'], additionalProperties: false, properties: { param: { type: 'string' } } },
      condition: {
        description: 'A condition describing the violation: all/any/none/not, a named filter, or field paths with tests.',
        anyOf: [...filterForms, ref('fieldMap')],
      },
      fieldMap: {
        type: 'object',
        minProperties: 1,
        propertyNames: { not: { const: 'filter' } },
        properties: {
          all: { type: 'array', minItems: 1, items: ref('condition') },
          any: { type: 'array', minItems: 1, items: ref('condition') },
          none: { type: 'array', minItems: 1, items: ref('condition') },
          not: ref('condition'),
        },
        additionalProperties: ref('fieldTest'),
      },
      fieldTest: {
        anyOf: [
          { type: ['string', 'number', 'boolean', 'null'] },
          {
            type: 'object',
            minProperties: 1,
            additionalProperties: false,
            properties: {
              ...operatorProps,
              size: { anyOf: [{ type: 'number' }, ref('fieldTest')] },
              not: ref('fieldTest'),
              any: ref('elementTest'),
              all: ref('elementTest'),
              none: ref('elementTest'),
            },
          },
        ],
      },
      elementTest: { anyOf: [ref('fieldTest'), ref('condition')] },
    },
  };
};
