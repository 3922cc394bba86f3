/**
 * The frameworks model: a framework is a published set of requirements (a regulation, a
 * standard, a benchmark, a vendor's control set) that Vigil's policies map to. Policies say
 * which requirement they evidence (`frameworks: { dora: "Art. 12(1)" }`); the catalogue says
 * which requirements exist and what they ask, so a report can list every requirement — the
 * ones no automated control covers included — and never hide a gap.
 */

/** A tunable input of a requirement that is itself a check (AWS Backup Audit Manager controls). */
export interface RequirementParameter {
  /** The vendor's own parameter name, e.g. `requiredRetentionDays`. */
  name: string;
  description: string;
  /** The vendor's default; `null` when the parameter has none (an optional list, for instance). */
  default: string | number | boolean | string[] | null;
}

/**
 * One requirement of a framework.
 *
 * @example
 * const r: Requirement = {
 *   ref: 'Art. 12(3)', title: 'Segregated restoration systems',
 *   summary: 'Restore backups onto systems physically and logically separate from the source.',
 *   automatable: true,
 * };
 */
export interface Requirement {
  /** The reference exactly as policies write it: `Art. 12(1)`, `A.8.13`, `1.14`, `IAM.3`. */
  ref: string;
  /** The official short title (or, for legal text without titles, a short label of ours). */
  title: string;
  /** One line in our own words: what the requirement asks of the organisation. */
  summary: string;
  /**
   * Whether a cloud configuration check can evidence it at all. `false` for organisational duties
   * (governance, training, contracts): those always need manual evidence, whatever policies cite them.
   */
  automatable: boolean;
  /** Parameters and their defaults, for requirements that are themselves checks. */
  parameters?: RequirementParameter[];
  /** Why a requirement is special, e.g. a control the vendor has retired. */
  note?: string;
}

/**
 * A framework and its requirements, versioned where numbering moves between versions.
 *
 * @example
 * const f: Framework = {
 *   id: 'cis-aws@4.0', title: 'CIS Amazon Web Services Foundations Benchmark', version: '4.0.0',
 *   publisher: 'Center for Internet Security', url: 'https://www.cisecurity.org/benchmark/amazon_web_services',
 *   requirements: [{ ref: '1.14', title: 'Ensure access keys are rotated every 90 days or less', summary: '…', automatable: true }],
 * };
 */
export interface Framework {
  /** Stable id used in policies: `dora`, `iso27001@2022`, `cis-aws@6.0`. */
  id: string;
  title: string;
  version: string;
  publisher: string;
  /** Where the authoritative text lives (text only: Vigil never fetches it). */
  url: string;
  /** How references are written for this framework, for error messages: `Art. 12(1)`, `A.8.13`. */
  refExample: string;
  /** Where the numbers and titles were checked, so an auditor can trace them. */
  source: string;
  requirements: Requirement[];
}

const TRAILING_POINT = /\s*\(([^()]+)\)$/;

/**
 * The references a reference also counts for, nearest first: a point counts for its paragraph
 * and its article, because evidence for `Art. 9(4)(c)` is evidence about Art. 9(4) and Art. 9.
 * The reverse does not hold: citing a whole article proves nothing about each of its paragraphs.
 *
 * @example
 * ancestorRefs('Art. 9(4)(c)'); // ['Art. 9(4)', 'Art. 9']
 * ancestorRefs('A.8.13');       // []
 */
export const ancestorRefs = (ref: string): string[] => {
  const out: string[] = [];
  let cur = ref;
  while (TRAILING_POINT.test(cur)) {
    cur = cur.replace(TRAILING_POINT, '');
    out.push(cur);
  }
  return out;
};

/**
 * A loose form of a reference, to suggest the right spelling of a near miss (`Art.12(1)`,
 * `article 12 (1)`, `a.8.13`). Never used to accept a reference: policies must use the exact form.
 *
 * @example
 * looseRef('Article 12 (1)') === looseRef('Art. 12(1)'); // true
 */
export const looseRef = (ref: string): string =>
  ref
    .toLowerCase()
    .replace(/^article\b/, 'art')
    .replace(/[\s.]/g, '');
