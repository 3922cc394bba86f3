import type { Framework, Requirement } from '../framework.js';

// Article titles are the regulation's own; point labels and all summaries are ours.
const req = (ref: string, title: string, summary: string, automatable = true): Requirement => ({ ref, title, summary, automatable });
const org = (ref: string, title: string, summary: string): Requirement => req(ref, title, summary, false);

/** Regulation (EU) 2016/679 (GDPR): the articles a cloud estate's configuration can evidence, and their neighbours. */
export const gdprFramework: Framework = {
  id: 'gdpr',
  title: 'General Data Protection Regulation (Regulation (EU) 2016/679)',
  version: '2016/679',
  publisher: 'European Parliament and Council of the European Union',
  url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  refExample: 'Art. 32(1)(b)',
  source: 'Final OJ text; summaries are ours.',
  requirements: [
    req('Art. 5', 'Principles relating to processing of personal data', 'Process personal data lawfully, for set purposes, minimally, accurately, for a limited time and securely.'),
    req('Art. 5(1)', 'The processing principles', 'The six principles personal data processing must respect.'),
    req('Art. 5(1)(e)', 'Storage limitation', 'Keep personal data in identifying form no longer than its purpose needs.'),
    req('Art. 5(1)(f)', 'Integrity and confidentiality', 'Protect personal data against unauthorised processing, loss, destruction or damage.'),
    org('Art. 5(2)', 'Accountability', 'The controller must be able to demonstrate compliance with the principles.'),
    req('Art. 25', 'Data protection by design and by default', 'Build data protection into systems, and by default process only the data each purpose needs.'),
    org('Art. 28', 'Processor', 'Use only processors with sufficient guarantees, under a contract that sets the required terms.'),
    req('Art. 30', 'Records of processing activities', 'Keep a record of processing activities, including categories of data and recipients.'),
    req('Art. 32', 'Security of processing', 'Apply security measures appropriate to the risk of the processing.'),
    req('Art. 32(1)', 'Appropriate technical and organisational measures', 'Choose measures for the risk, considering the state of the art and the cost.'),
    req('Art. 32(1)(a)', 'Pseudonymisation and encryption', 'Pseudonymise and encrypt personal data where appropriate.'),
    req('Art. 32(1)(b)', 'Confidentiality, integrity, availability and resilience', 'Keep processing systems confidential, intact, available and resilient on an ongoing basis.'),
    req('Art. 32(1)(c)', 'Timely restoration', 'Be able to restore availability of and access to personal data promptly after an incident.'),
    req('Art. 32(1)(d)', 'Regular testing of measures', 'Regularly test, assess and evaluate how effective the security measures are.'),
    org('Art. 33', 'Notification of a personal data breach to the supervisory authority', 'Notify the supervisory authority of a personal data breach within 72 hours where required.'),
    req('Art. 44', 'General principle for transfers', 'Transfer personal data outside the EEA only under the conditions of chapter V.'),
    org('Art. 45', 'Transfers on the basis of an adequacy decision', 'Transfers are allowed to countries the Commission has found adequate.'),
    org('Art. 46', 'Transfers subject to appropriate safeguards', 'Without adequacy, transfer only with safeguards such as standard contractual clauses.'),
    org('Art. 49', 'Derogations for specific situations', 'Narrow exceptions (consent, contract necessity…) for transfers without adequacy or safeguards.'),
  ],
};
