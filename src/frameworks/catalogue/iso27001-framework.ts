import type { Framework, Requirement } from '../framework.js';

// Control titles are the standard's short titles; summaries are ours. Only the Annex A controls
// a cloud estate can touch or that auditors ask about next to them are listed; the rest of
// Annex A (people and physical controls) is out of Vigil's scope, not hidden: see docs/frameworks.md.
// Checked: every control number and short title against the Annex A list in prowler-cloud/prowler
// prowler/compliance/aws/iso27001_2022_aws.json (numbers, control statements) and against public
// copies of the ISO/IEC 27001:2022 Table A.1 titles (which spell A.8.1 "User end point devices" and
// A.8.20 "Networks security"). A.5.34's full title spells out "personally identifiable information";
// the catalogue keeps the 27002:2022 short form "PII".
const req = (ref: string, title: string, summary: string, automatable = true): Requirement => ({ ref, title, summary, automatable });
const org = (ref: string, title: string, summary: string): Requirement => req(ref, title, summary, false);

/** ISO/IEC 27001:2022 Annex A, the controls relevant to a cloud estate. */
export const iso27001Framework: Framework = {
  id: 'iso27001@2022',
  title: 'ISO/IEC 27001:2022 Annex A',
  version: '2022',
  publisher: 'ISO/IEC',
  url: 'https://www.iso.org/standard/27001',
  refExample: 'A.8.13',
  source: 'ISO/IEC 27001:2022 Annex A Table A.1 (numbers and short titles checked against Prowler iso27001_2022_aws.json and published title lists); summaries are ours.',
  requirements: [
    org('A.5.1', 'Policies for information security', 'Define, approve, publish and review an information security policy and topic-specific policies.'),
    org('A.5.2', 'Information security roles and responsibilities', 'Assign and communicate who is responsible for which part of information security.'),
    req('A.5.9', 'Inventory of information and other associated assets', 'Keep an inventory of information and assets, each with a named owner.'),
    org('A.5.10', 'Acceptable use of information and other associated assets', 'Set and communicate rules for acceptable use and handling of information and assets.'),
    req('A.5.12', 'Classification of information', 'Classify information by its confidentiality, integrity and availability needs.'),
    req('A.5.13', 'Labelling of information', 'Label information according to the classification scheme.'),
    req('A.5.14', 'Information transfer', 'Control transfers of information inside the organisation and to outside parties.'),
    req('A.5.15', 'Access control', 'Set rules for physical and logical access based on business and security needs.'),
    req('A.5.16', 'Identity management', 'Manage the full life cycle of identities, removing those no longer needed.'),
    req('A.5.17', 'Authentication information', 'Issue and manage secrets such as passwords and keys through a controlled process, and tell people how to handle them.'),
    req('A.5.18', 'Access rights', 'Grant, review, adjust and remove access rights according to policy, including for leavers.'),
    org('A.5.19', 'Information security in supplier relationships', 'Manage the security risks of using suppliers\' products and services.'),
    req('A.5.23', 'Information security for use of cloud services', 'Acquire, use, manage and exit cloud services according to security requirements.'),
    org('A.5.24', 'Information security incident management planning and preparation', 'Plan incident management: roles, processes and communication.'),
    org('A.5.25', 'Assessment and decision on information security events', 'Assess security events and decide whether they are incidents.'),
    org('A.5.26', 'Response to information security incidents', 'Respond to incidents according to documented procedures.'),
    org('A.5.28', 'Collection of evidence', 'Identify, collect and preserve evidence about security events.'),
    org('A.5.29', 'Information security during disruption', 'Keep security at the right level during a disruption.'),
    req('A.5.30', 'ICT readiness for business continuity', 'Plan, run, maintain and test ICT readiness to meet continuity objectives.'),
    org('A.5.31', 'Legal, statutory, regulatory and contractual requirements', 'Identify and meet the legal, regulatory and contractual security requirements.'),
    req('A.5.33', 'Protection of records', 'Protect records from loss, destruction, falsification and unauthorised access or release.'),
    req('A.5.34', 'Privacy and protection of PII', 'Meet the privacy and personal data protection requirements that apply.'),
    org('A.5.37', 'Documented operating procedures', 'Document operating procedures and make them available to those who need them.'),
    org('A.6.3', 'Information security awareness, education and training', 'Give staff security awareness, education and training, and keep it current.'),
    req('A.8.1', 'User end point devices', 'Protect information stored on, processed by or reachable from user devices.'),
    req('A.8.2', 'Privileged access rights', 'Restrict and manage the allocation and use of privileged access.'),
    req('A.8.3', 'Information access restriction', 'Restrict access to information and assets according to the access control policy.'),
    req('A.8.4', 'Access to source code', 'Manage read and write access to source code and development tools.'),
    req('A.8.5', 'Secure authentication', 'Use secure authentication technology and procedures, such as multi-factor authentication.'),
    req('A.8.6', 'Capacity management', 'Monitor and adjust resource use to current and expected capacity needs.'),
    req('A.8.7', 'Protection against malware', 'Protect against malware, backed by user awareness.'),
    req('A.8.8', 'Management of technical vulnerabilities', 'Find technical vulnerabilities, assess exposure and fix them (patching) in time.'),
    req('A.8.9', 'Configuration management', 'Establish, document, monitor and review secure configurations, including hardening.'),
    req('A.8.10', 'Information deletion', 'Delete information that is no longer required.'),
    req('A.8.11', 'Data masking', 'Mask data, personal data in particular, according to policy and legal needs.'),
    req('A.8.12', 'Data leakage prevention', 'Apply measures that prevent sensitive information from leaking out of systems and networks.'),
    req('A.8.13', 'Information backup', 'Keep and regularly test backup copies of information, software and systems according to a backup policy.'),
    req('A.8.14', 'Redundancy of information processing facilities', 'Build in enough redundancy to meet availability requirements.'),
    req('A.8.15', 'Logging', 'Produce, store, protect and analyse logs of activities, exceptions and faults.'),
    req('A.8.16', 'Monitoring activities', 'Monitor networks, systems and applications for anomalous behaviour and act on it.'),
    req('A.8.17', 'Clock synchronization', 'Synchronise system clocks to approved time sources.'),
    req('A.8.20', 'Networks security', 'Secure, manage and control networks and network devices.'),
    req('A.8.21', 'Security of network services', 'Define and monitor the security mechanisms and service levels of network services.'),
    req('A.8.22', 'Segregation of networks', 'Separate groups of services, users and systems into different networks.'),
    req('A.8.23', 'Web filtering', 'Manage access to external websites to limit exposure to malicious content.'),
    req('A.8.24', 'Use of cryptography', 'Use cryptography, and manage its keys, according to defined rules.'),
    org('A.8.25', 'Secure development life cycle', 'Set rules for developing software and systems securely.'),
    req('A.8.32', 'Change management', 'Subject changes to information processing facilities and systems to change management.'),
  ],
};
