import type { Framework, Requirement } from '../framework.js';

// Article titles are the regulation's own; point labels and all summaries are ours.
// Checked: article titles and paragraph/point numbering of Art. 5, 25, 28, 30, 32, 33, 44-46, 49
// against Regulation (EU) 2016/679, OJ L 119, 4.5.2016 (https://eur-lex.europa.eu/eli/reg/2016/679/oj),
// read via https://streamlex.eu/articles/gdpr-en-art-32 and the CommonAccord GDPR text
// (http://source.commonaccord.org/ G/EU-GDPR-Law-CmA/Sec/Article/32.md).
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
  source: 'OJ L 119, 4.5.2016 (article titles, paragraphs and points checked); summaries are ours.',
  requirements: [
    req('Art. 5', 'Principles relating to processing of personal data', 'Process personal data lawfully, for set purposes, minimally, accurately, for a limited time and securely.'),
    req('Art. 5(1)', 'The processing principles', 'The six principles personal data processing must respect.'),
    org('Art. 5(1)(a)', 'Lawfulness, fairness and transparency', 'Process personal data lawfully, fairly and openly towards the people it is about.'),
    org('Art. 5(1)(b)', 'Purpose limitation', 'Collect personal data for set, explicit, legitimate purposes and do not reuse it for incompatible ones.'),
    org('Art. 5(1)(c)', 'Data minimisation', 'Keep to the personal data that is adequate, relevant and needed for the purpose.'),
    org('Art. 5(1)(d)', 'Accuracy', 'Keep personal data accurate and up to date; correct or erase inaccurate data without delay.'),
    req('Art. 5(1)(e)', 'Storage limitation', 'Keep personal data in identifying form no longer than its purpose needs.'),
    req('Art. 5(1)(f)', 'Integrity and confidentiality', 'Protect personal data against unauthorised processing, loss, destruction or damage.'),
    org('Art. 5(2)', 'Accountability', 'The controller must be able to demonstrate compliance with the principles.'),
    req('Art. 25', 'Data protection by design and by default', 'Build data protection into systems, and by default process only the data each purpose needs.'),
    org('Art. 25(1)', 'Data protection by design', 'When designing and running processing, build in measures (such as pseudonymisation) that apply the principles.'),
    req('Art. 25(2)', 'Data protection by default', 'By default process only the data needed, and do not make it reachable by an open-ended number of people.'),
    org('Art. 28', 'Processor', 'Use only processors with sufficient guarantees, under a contract that sets the required terms.'),
    req('Art. 30', 'Records of processing activities', 'Keep a record of processing activities, including categories of data and recipients.'),
    org('Art. 30(1)', 'Controller\'s record', 'The controller records purposes, categories of people, data and recipients, transfers, erasure deadlines and security measures.'),
    org('Art. 30(2)', 'Processor\'s record', 'The processor records the controllers it serves, the categories of processing, transfers and security measures.'),
    req('Art. 32', 'Security of processing', 'Apply security measures appropriate to the risk of the processing.'),
    req('Art. 32(1)', 'Appropriate technical and organisational measures', 'Choose measures for the risk, considering the state of the art and the cost.'),
    req('Art. 32(1)(a)', 'Pseudonymisation and encryption', 'Pseudonymise and encrypt personal data where appropriate.'),
    req('Art. 32(1)(b)', 'Confidentiality, integrity, availability and resilience', 'Keep processing systems confidential, intact, available and resilient on an ongoing basis.'),
    req('Art. 32(1)(c)', 'Timely restoration', 'Be able to restore availability of and access to personal data promptly after an incident.'),
    req('Art. 32(1)(d)', 'Regular testing of measures', 'Regularly test, assess and evaluate how effective the security measures are.'),
    req('Art. 32(2)', 'Risks to weigh', 'Size security by the risk of accidental or unlawful destruction, loss, alteration, disclosure of or access to the data.'),
    org('Art. 33', 'Notification of a personal data breach to the supervisory authority', 'Notify the supervisory authority of a personal data breach within 72 hours where required.'),
    req('Art. 44', 'General principle for transfers', 'Transfer personal data outside the EEA only under the conditions of chapter V.'),
    org('Art. 45', 'Transfers on the basis of an adequacy decision', 'Transfers are allowed to countries the Commission has found adequate.'),
    org('Art. 46', 'Transfers subject to appropriate safeguards', 'Without adequacy, transfer only with safeguards such as standard contractual clauses.'),
    org('Art. 49', 'Derogations for specific situations', 'Narrow exceptions (consent, contract necessity…) for transfers without adequacy or safeguards.'),
  ],
};
