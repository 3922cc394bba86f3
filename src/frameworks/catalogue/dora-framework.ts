import type { Framework, Requirement } from '../framework.js';

// Article titles are the regulation's own; paragraph titles and every summary are ours.
// Numbering is the final text published in the OJ (Art. 9 protection and prevention, Art. 11
// response and recovery, Art. 12 backup): many secondary sources cite shifted numbers.
// Checked (every article title and every paragraph/point label and its content):
// - Regulation (EU) 2022/2554: OJ L 333, 27.12.2022 (https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=OJ:L:2022:333:FULL),
//   table of contents and article texts at https://lexparency.org/eu/32022R2554/ and
//   https://www.dora-info.eu/article-9/; paragraph texts of Art. 5-16 cross-read against
//   per-paragraph quotations in public DORA mappings (stored GitHub copies).
// - Delegated Regulation (EU) 2024/1774, Art. 12: https://www.springlex.eu/packages/dora/rts-rmf-regulation/article-12/
//   (OJ L, 2024/1774, 25.6.2024) and the Italian text at dora-info.it (RTS Articolo 12 - Logging).
const req = (ref: string, title: string, summary: string, automatable = true): Requirement => ({ ref, title, summary, automatable });
const org = (ref: string, title: string, summary: string): Requirement => req(ref, title, summary, false);

/** Regulation (EU) 2022/2554 (DORA), chapter II ICT risk management plus the chapter III–V articles policies touch. */
export const doraFramework: Framework = {
  id: 'dora',
  title: 'Digital Operational Resilience Act (Regulation (EU) 2022/2554)',
  version: '2022/2554',
  publisher: 'European Parliament and Council of the European Union',
  url: 'https://eur-lex.europa.eu/eli/reg/2022/2554/oj',
  refExample: 'Art. 12(1)',
  source: 'OJ L 333, 27.12.2022 (articles 5-19, 24, 25, 28, 30 checked paragraph by paragraph); summaries are ours.',
  requirements: [
    org('Art. 5', 'Governance and organisation', 'The management body defines, approves, oversees and answers for the ICT risk management framework.'),
    org('Art. 5(2)', 'Management body responsibilities', 'The board sets ICT roles, budget, policies, risk tolerance and approves continuity and audit plans.'),
    org('Art. 6', 'ICT risk management framework', 'Keep a documented, sound ICT risk management framework, reviewed at least yearly and after major incidents.'),
    org('Art. 6(8)', 'Digital operational resilience strategy', 'Adopt a strategy that sets resilience objectives, risk tolerance and how the framework is implemented.'),
    req('Art. 7', 'ICT systems, protocols and tools', 'Run ICT systems that are up to date, reliable, sized for the load and technologically resilient.'),
    req('Art. 8', 'Identification', 'Identify, classify and document ICT-supported functions, information assets and ICT assets and their risks.'),
    req('Art. 8(1)', 'Classify functions and assets', 'Identify and classify business functions, roles and the information and ICT assets that support them.'),
    org('Art. 8(2)', 'Sources of ICT risk', 'Identify all sources of ICT risk, including exposure to and from other financial entities, on an ongoing basis.'),
    req('Art. 8(4)', 'Identify and map assets', 'Identify all information and ICT assets, mark the critical ones, and map their configuration, links and interdependencies.'),
    org('Art. 8(5)', 'Third-party dependencies', 'Identify and document processes that depend on ICT third-party service providers.'),
    req('Art. 8(6)', 'Maintained inventories', 'Keep inventories of the functions, assets and provider dependencies above; update them regularly and on every major change.'),
    req('Art. 9', 'Protection and prevention', 'Continuously monitor and control ICT systems and protect data at rest, in use and in transit.'),
    req('Art. 9(1)', 'Continuous monitoring and control', 'Continuously monitor and control the security and functioning of ICT systems and tools.'),
    req('Art. 9(2)', 'Security policies for availability and integrity', 'Design ICT security policies and tools that keep data available, authentic, intact and confidential.'),
    req('Art. 9(3)', 'Secure ICT solutions and processes', 'Use ICT solutions and processes that secure data transfer and prevent loss, corruption and unauthorised access.'),
    req('Art. 9(3)(a)', 'Secure means of data transfer', 'Make sure the channels used to transfer data are secure.'),
    req('Art. 9(3)(b)', 'Minimise corruption, loss and unauthorised access', 'Reduce the risk of data corruption or loss, unauthorised access and technical flaws that hinder the business.'),
    req('Art. 9(3)(c)', 'Prevent loss of availability and confidentiality', 'Prevent unavailability, integrity or authenticity failures, confidentiality breaches and data loss.'),
    req('Art. 9(3)(d)', 'Protect against data-management risks', 'Protect data from poor administration, processing errors and human mistakes.'),
    req('Art. 9(4)', 'Protection measures', 'As part of the framework, put the security policy, network, access, authentication, change and patch measures in place.'),
    org('Art. 9(4)(a)', 'Information security policy', 'Write and maintain an information security policy that protects data and ICT assets, including customers\' data.'),
    req('Art. 9(4)(b)', 'Network and infrastructure management', 'Manage networks soundly, with segmentation and the means to cut off or isolate affected assets quickly.'),
    req('Art. 9(4)(c)', 'Limit physical and logical access', 'Grant only the access legitimate, approved functions need and keep access rights under control.'),
    req('Art. 9(4)(d)', 'Strong authentication and key protection', 'Use strong authentication and protect cryptographic keys; encrypt data according to its classification.'),
    req('Art. 9(4)(e)', 'ICT change management', 'Control changes to software, hardware, firmware, systems and security settings through a documented process.'),
    req('Art. 9(4)(f)', 'Patches and updates', 'Keep documented policies for applying patches and updates.'),
    req('Art. 10', 'Detection', 'Have mechanisms to promptly detect anomalous activity, incidents and single points of failure.'),
    req('Art. 10(1)', 'Detect anomalous activities', 'Detect anomalies, network performance issues and incidents promptly, and find material single points of failure.'),
    req('Art. 10(2)', 'Layered controls and alerting', 'Use several layers of control, alert thresholds and automatic alerting for incident response.'),
    org('Art. 10(3)', 'Resources for monitoring', 'Devote enough resources to monitor user activity, anomalies and ICT incidents, cyber-attacks included.'),
    req('Art. 11', 'Response and recovery', 'Keep an ICT business continuity policy with response and recovery plans, and test them.'),
    org('Art. 11(1)', 'ICT business continuity policy', 'Adopt a comprehensive ICT business continuity policy as a dedicated part of the overall continuity policy.'),
    req('Art. 11(2)', 'Continuity of critical functions', 'Keep critical functions running, respond to and contain incidents quickly and limit damage.'),
    org('Art. 11(3)', 'ICT response and recovery plans', 'Implement response and recovery plans, subject to independent internal audit review.'),
    req('Art. 11(4)', 'ICT business continuity plans', 'Have, maintain and regularly test continuity plans, notably for critical functions that depend on ICT providers.'),
    req('Art. 11(6)', 'Test continuity and recovery plans', 'Test continuity and response-and-recovery plans at least yearly and after substantive changes.'),
    org('Art. 11(7)', 'Crisis management function', 'Have a crisis management function that activates the plans and runs crisis communication.'),
    req('Art. 11(8)', 'Records of disruptions', 'Keep readily accessible records of activities before and during disruption events.'),
    req('Art. 12', 'Backup policies and procedures, restoration and recovery procedures and methods', 'Back up data by policy, restore it with minimum downtime and loss, and test both.'),
    req('Art. 12(1)', 'Backup policy and restoration procedures', 'Document what is backed up and how often (by criticality and confidentiality) and how it is restored.'),
    req('Art. 12(1)(a)', 'Backup scope and minimum frequency', 'Write down which data is backed up and the minimum backup frequency, driven by criticality and confidentiality.'),
    req('Art. 12(1)(b)', 'Restoration and recovery methods', 'Document the procedures and methods used to restore and recover.'),
    req('Art. 12(2)', 'Backup systems and periodic testing', 'Run backup systems that can be activated without weakening security or data integrity, and test restores periodically.'),
    req('Art. 12(3)', 'Segregated restoration systems', 'Restore onto systems physically and logically segregated from the source, protected from unauthorised access and corruption.'),
    req('Art. 12(4)', 'Redundant ICT capacities', 'Keep redundant ICT capacity able to meet business needs (microenterprises assess the need by risk).'),
    req('Art. 12(5)', 'Secondary processing site', 'Central securities depositories keep at least one secondary processing site with its own resources.'),
    req('Art. 12(6)', 'Recovery time and point objectives', 'Set recovery time and recovery point objectives per function, considering criticality and market impact.'),
    req('Art. 12(7)', 'Integrity checks after recovery', 'After recovering from an incident, check and reconcile data so its integrity is as high as possible.'),
    org('Art. 13', 'Learning and evolving', 'Gather threat intelligence, review incidents and tests, and feed the lessons back into the framework.'),
    org('Art. 13(2)', 'Post-incident reviews', 'Review major ICT incidents afterwards to find causes and the improvements needed.'),
    org('Art. 13(6)', 'Security awareness and training', 'Run ICT security awareness programmes and resilience training for all staff and the management body.'),
    org('Art. 14', 'Communication', 'Have crisis communication plans and communication policies for staff, clients and the public.'),
    org('Art. 15', 'Further harmonisation of ICT risk management tools, methods, processes and policies', 'Mandate for the ESAs to write RTS detailing chapter II (delivered as Delegated Regulation 2024/1774).'),
    org('Art. 16', 'Simplified ICT risk management framework', 'Smaller entities run a lighter, documented ICT risk management framework instead of Articles 5 to 15.'),
    org('Art. 17', 'ICT-related incident management process', 'Define, establish and implement a process to detect, manage, record and notify ICT-related incidents.'),
    org('Art. 19', 'Reporting of major ICT-related incidents and voluntary notification of significant cyber threats', 'Report major ICT-related incidents to the competent authority within the set deadlines.'),
    org('Art. 24', 'General requirements for the performance of digital operational resilience testing', 'Keep a risk-based programme of resilience tests, run by independent parties, at least yearly for critical systems.'),
    org('Art. 25', 'Testing of ICT tools and systems', 'Test with a range of methods: vulnerability scans, scenario tests, performance and penetration tests.'),
    org('Art. 28', 'General principles', 'Manage ICT third-party risk as part of the framework, with a strategy, a register of contracts and exit plans.'),
    org('Art. 30', 'Key contractual provisions', 'Put the required clauses (location of data, access, audit, exit) into contracts with ICT providers.'),
  ],
};

/** Commission Delegated Regulation (EU) 2024/1774 (RTS on the ICT risk management framework), Art. 12 logging. */
export const doraRtsFramework: Framework = {
  id: 'dora-rts-2024-1774',
  title: 'RTS on ICT risk management framework (Commission Delegated Regulation (EU) 2024/1774)',
  version: '2024/1774',
  publisher: 'European Commission',
  url: 'https://eur-lex.europa.eu/eli/reg_del/2024/1774/oj',
  refExample: 'Art. 12(2)(a)',
  source: 'OJ L, 2024/1774, 25.6.2024, Art. 12 paragraphs 1-3 (checked against the published EN and IT texts); summaries are ours.',
  requirements: [
    req('Art. 12', 'Logging', 'Develop, document and run logging procedures, protocols and tools as a safeguard against intrusion and misuse.'),
    org('Art. 12(1)', 'Logging procedures in place', 'Have documented logging procedures, protocols and tools.'),
    req('Art. 12(2)', 'Content of the logging procedures', 'The logging procedures cover events, retention, detail, protection, failure detection and clock sync.'),
    req('Art. 12(2)(a)', 'Events, retention and log handling', 'Decide which events are logged, how long logs are kept and how log data is secured and handled, given why each log exists.'),
    req('Art. 12(2)(b)', 'Level of detail', 'Log at a level of detail that lets anomalous activity be detected.'),
    req('Art. 12(2)(c)', 'Events that must be logged', 'Log access control and identity, capacity, change, ICT operations and network traffic events.'),
    req('Art. 12(2)(c)(i)', 'Access control and identity events', 'Log logical and physical access control and identity management events.'),
    req('Art. 12(2)(c)(ii)', 'Capacity management events', 'Log capacity management events.'),
    req('Art. 12(2)(c)(iii)', 'Change management events', 'Log change management events.'),
    req('Art. 12(2)(c)(iv)', 'ICT operations events', 'Log ICT operations, including system activity.'),
    req('Art. 12(2)(c)(v)', 'Network traffic events', 'Log network traffic activity, including network performance.'),
    req('Art. 12(2)(d)', 'Protect logs from tampering and deletion', 'Protect logging systems and logs against tampering, deletion and unauthorised access at rest and in transit.'),
    req('Art. 12(2)(e)', 'Detect logging failures', 'Detect when a logging system stops working.'),
    req('Art. 12(2)(f)', 'Clock synchronisation', 'Synchronise every ICT system\'s clock to a documented, reliable time source.'),
    req('Art. 12(3)', 'Setting the log retention period', 'The firm sets the retention period itself, from its business and security objectives, why the event is logged and its ICT risk assessment.'),
  ],
};
