/* Generated from src/lib/bindings/schema.json by `npm run gen:types`; do not edit. */

/**
 * An amount in the agreement's currency, at most two decimals.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Money".
 */
export type Money = number | string;
/**
 * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Text".
 */
export type Text =
  | string
  | {
      en?: string;
      fr?: string;
    };
/**
 * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string | number;
/**
 * A duration (4h, 30m, 1h30m, 2d) or a number of business days (5bd).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TargetTime".
 */
export type TargetTime = string | number;
/**
 * How a contact the customer abandons before an agent answers it counts
 * against the channel's targets.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "AbandonedContacts".
 */
export type AbandonedContacts = "excluded" | "breach";
/**
 * An opening interval HH:MM-HH:MM; `+1` marks an end on the next day.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Interval".
 */
export type Interval = string | number;
/**
 * A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Percent".
 */
export type Percent = string;
/**
 * Which clock a target counts on.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ClockBasis".
 */
export type ClockBasis = "business" | "calendar";
/**
 * An overall cap on penalties for one calendar month.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PenaltyCap".
 */
export type PenaltyCap =
  | {
      share_of_fee: Percent;
    }
  | {
      amount: Money;
    };
/**
 * A liability cap.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "LiabilityCap".
 */
export type LiabilityCap =
  | {
      months_of_fees: number;
    }
  | {
      amount: Money;
    };
/**
 * How often something happens.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Frequency".
 */
export type Frequency = "weekly" | "monthly" | "quarterly" | "half_yearly" | "yearly";
/**
 * A distribution of durations, as written in a scenario.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "DurationSpec".
 */
export type DurationSpec =
  | {
      exponential: Duration;
    }
  | {
      lognormal: {
        /**
         * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
         */
        mean: string | number;
        /**
         * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
         */
        p90: string | number;
      };
    }
  | {
      gamma: {
        /**
         * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
         */
        mean: string | number;
        /**
         * The shape (1 is exponential; larger varies less).
         */
        shape: number;
      };
    }
  | {
      empirical: Duration[];
    };
/**
 * The stages of a ticket's life a team can work.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Stage".
 */
export type Stage = "triage" | "resolution";
/**
 * Days of the week.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Day".
 */
export type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/**
 * One step of a [`Place`]; numbers count from 1.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PlaceStep".
 */
export type PlaceStep =
  | {
      kind: "title_page";
    }
  | {
      kind: "line";
      /**
       * Its name.
       */
      name: string;
    }
  | {
      kind: "heading";
    }
  | {
      kind: "paragraph";
      /**
       * Its rank among the clause's paragraphs.
       */
      n: number;
    }
  | {
      kind: "list";
      /**
       * Its rank among the clause's lists.
       */
      n: number;
    }
  | {
      kind: "item";
      /**
       * Its rank in the list.
       */
      n: number;
    }
  | {
      kind: "table";
      /**
       * Its rank among the clause's tables.
       */
      n: number;
    }
  | {
      kind: "header";
    }
  | {
      kind: "row";
      /**
       * Its rank.
       */
      n: number;
    }
  | {
      kind: "column";
      /**
       * Its rank.
       */
      n: number;
    }
  | {
      kind: "signatures";
      /**
       * Its rank among the clause's signature blocks.
       */
      n: number;
    }
  | {
      kind: "parties";
    }
  | {
      kind: "block";
      /**
       * Its rank among the clause's blocks of other kinds.
       */
      n: number;
    };
/**
 * The language of the contract.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Language".
 */
export type Language = "en" | "fr";
/**
 * Whether the agreement's amounts include tax.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TaxBasis".
 */
export type TaxBasis = "excluding_tax" | "including_tax";
/**
 * Whether the term renews.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Renewal".
 */
export type Renewal = "none" | "automatic";
/**
 * The shape of an SLA.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Shape".
 */
export type Shape = "customer_based" | "service_based" | "multi_level";
/**
 * The period over which availability and compliance are measured.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MeasurementPeriod".
 */
export type MeasurementPeriod = "calendar_month" | "quarter";
/**
 * A time of day, HH:MM, from 00:00 to 24:00.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TimeOfDay".
 */
export type TimeOfDay = string | number;
/**
 * Kinds of support channel.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ChannelKind".
 */
export type ChannelKind = "email" | "phone" | "chat" | "portal";
/**
 * `24/7`, or opening intervals per day of the week (absent days are closed).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Hours".
 */
export type Hours =
  | "24/7"
  | {
      mon?: Interval[];
      tue?: Interval[];
      wed?: Interval[];
      thu?: Interval[];
      fri?: Interval[];
      sat?: Interval[];
      sun?: Interval[];
    };
/**
 * The regions whose public holidays Pledge knows.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "HolidayRegion".
 */
export type HolidayRegion = "FR" | "GB-ENG" | "US";
/**
 * A date and time on the calendar's clock, YYYY-MM-DDTHH:MM, or a date.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "LocalDateTime".
 */
export type LocalDateTime = string | number;
/**
 * What a target of N business days means. Helpdesk tools differ; the
 * agreement says which definition it uses, and the contract states it.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "BusinessDayRule".
 */
export type BusinessDayRule = "same_clock_time" | "opening_hours";
/**
 * The event that starts an OLA's clock.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "OlaStart".
 */
export type OlaStart = "creation" | "assignment";
/**
 * The time measures a target can bound.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Metric".
 */
export type Metric = "first_response" | "next_response" | "periodic_update" | "resolution";
/**
 * When an escalation step fires.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "EscalationWhen".
 */
export type EscalationWhen =
  | {
      elapsed: Percent;
    }
  | {
      after_breach: Duration;
    };
/**
 * Kinds of exclusion.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ExclusionKind".
 */
export type ExclusionKind =
  | "force_majeure"
  | "customer_non_compliance"
  | "planned_maintenance"
  | "third_party"
  | "preview_features"
  | "customer_misuse"
  | "other";
/**
 * What a credit schedule measures.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "CreditBasis".
 */
export type CreditBasis =
  | {
      availability: {
        /**
         * The service.
         */
        service: string;
      };
    }
  | {
      compliance: {
        /**
         * The metric.
         */
        metric: "first_response" | "next_response" | "periodic_update" | "resolution";
        /**
         * The priorities it covers; all when empty.
         */
        priorities?: string[];
        /**
         * The plans it covers; all when empty.
         */
        plans?: string[];
      };
    };
/**
 * What the provider needs before subcontracting.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SubcontractingRule".
 */
export type SubcontractingRule = "free" | "notice" | "consent" | "forbidden";
/**
 * The document that prevails.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Prevailing".
 */
export type Prevailing = "this_agreement" | "main_agreement";
/**
 * How serious a diagnostic is.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Severity".
 */
export type Severity = "error" | "warning";
/**
 * What happened to one part of the agreement between two versions.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ChangeKind".
 */
export type ChangeKind = "added" | "removed" | "changed";
/**
 * The kind of an error, with a stable kebab-case spelling.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ErrorCode".
 */
export type ErrorCode =
  | "yaml-syntax"
  | "type"
  | "unknown-field"
  | "missing-field"
  | "invalid-value"
  | "duplicate-key"
  | "schema-version"
  | "too-large"
  | "too-deep"
  | "alias-limit"
  | "empty"
  | "not-utf8"
  | "io"
  | "busy"
  | "database"
  | "altered-version"
  | "unknown-agreement"
  | "unknown-version"
  | "no-version"
  | "in-trash"
  | "not-in-trash"
  | "invalid-name"
  | "store"
  | "settings"
  | "invalid-author"
  | "unknown-sample"
  | "unknown-history"
  | "unknown-run"
  | "unknown-portfolio"
  | "in-portfolio"
  | "invalid-export"
  | "invalid-calendar"
  | "clock"
  | "invalid-agreement"
  | "invalid-scenario"
  | "invalid-settings"
  | "cancelled"
  | "simulation"
  | "sizing"
  | "document"
  | "template"
  | "internal";
/**
 * The dispatch policies, as a scenario file writes them.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "DispatchPolicy".
 */
export type DispatchPolicy = "fifo" | "priority" | "deadline";
/**
 * An escalation level of the agreement, by its index or by its `to`.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "LevelRef".
 */
export type LevelRef = number | string;
/**
 * The language a contract is written in.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "DocLang".
 */
export type DocLang = "en" | "fr";
/**
 * Who a contract is printed for.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "DocEdition".
 */
export type DocEdition = "client" | "internal";
/**
 * What a segment of redline text does.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SegmentOp".
 */
export type SegmentOp = "equal" | "delete" | "insert";
/**
 * Which way a frontier drawn for the app moves its target.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "FrontierAxis".
 */
export type FrontierAxis = "target" | "share";
/**
 * Which scenario of a library agreement a member simulates.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ScenarioChoice".
 */
export type ScenarioChoice = "saved" | "default";
/**
 * The agreement a history is measured against.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ReportAgreement".
 */
export type ReportAgreement =
  | {
      kind: "draft";
    }
  | {
      kind: "version";
      /**
       * Its number.
       */
      number: number;
    };
/**
 * The fields a ticket is placed by.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Field".
 */
export type Field = "plan" | "priority" | "channel";
/**
 * Why a ticket could not be measured, as counted.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Skipped".
 */
export type Skipped =
  | "no-target"
  | {
      missing: Field;
    }
  | {
      unknown: Field;
    }
  | "clock";
/**
 * What writing a new contractual target does to the metric's internal
 * target, which the validator wants shorter than the contractual one.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "InternalChange".
 */
export type InternalChange =
  | {
      kind: "kept";
    }
  | {
      kind: "scaled";
      /**
       * The internal target before.
       */
      before: string;
      /**
       * After.
       */
      after: string;
    }
  | {
      kind: "removed";
      /**
       * The internal target before.
       */
      before: string;
    };

/**
 * Generated from the Rust types by pledge-app's bindings module; do not edit.
 */
export interface PledgeBindings {
  Agreement: Agreement;
  SampleInfo: SampleInfo;
  AgreementSummary: AgreementSummary;
  Diagnostic: Diagnostic;
  Opened: Opened;
  Edited: Edited;
  Exported: Exported;
  VersionInfo: VersionInfo;
  VersionSaved: VersionSaved;
  Change: Change;
  Startup: Startup;
  AppError: AppError;
  ScenarioState: ScenarioState;
  ScenarioSpec: ScenarioSpec1;
  RunSettings: RunSettings;
  RunProgress: RunProgress;
  SimulationResults: SimulationResults;
  SizingResults: SizingResults;
  ContractChoice: ContractChoice;
  ContractPreview: ContractPreview;
  SavedPdf: SavedPdf;
  RedlineView: RedlineView;
  Settings: Settings;
}
/**
 * A customer-support service level agreement.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Agreement".
 */
export interface Agreement {
  /**
   * The file format version; this Pledge writes `1`.
   */
  pledge: 1;
  meta: Meta;
  parties: Parties;
  /**
   * The services in scope.
   */
  services: Service[];
  /**
   * Support channels.
   */
  channels?: Channel[];
  /**
   * Support calendars.
   */
  calendars: Calendar[];
  /**
   * Customer plans or segments.
   */
  plans: Plan[];
  /**
   * Priority levels, most urgent first.
   */
  priorities: Priority[];
  /**
   * Targets per plan × priority (× channel).
   */
  targets: Target[];
  /**
   * Internal teams.
   */
  teams?: Team[];
  /**
   * Operational level agreements between internal teams.
   */
  olas?: Ola[];
  /**
   * Warnings and escalation.
   */
  escalation?: Escalation | null;
  responsibilities?: Responsibilities;
  /**
   * Cases where the service levels do not apply.
   */
  exclusions?: Exclusion[];
  /**
   * Service credit schedules.
   */
  credits?: CreditSchedule[];
  /**
   * Other penalties.
   */
  penalties?: Penalty[];
  /**
   * The overall cap of the penalties and their nature.
   */
  penalty_terms?: PenaltyTerms | null;
  /**
   * Reporting and governance.
   */
  reporting?: Reporting | null;
  /**
   * Review and change of the agreement.
   */
  revision?: Revision | null;
  /**
   * How the agreement ends.
   */
  termination?: Termination | null;
  /**
   * How the provider tells the customer of a missed or foreseen breach
   * of a service level.
   */
  breach_notification?: BreachNotification | null;
  /**
   * The limitation of each party's liability.
   */
  liability?: Liability | null;
  /**
   * Security measures and backups.
   */
  security?: Security | null;
  /**
   * Business continuity and failover.
   */
  continuity?: Continuity | null;
  /**
   * Whether and how the provider may subcontract.
   */
  subcontracting?: Subcontracting | null;
  /**
   * How this agreement ranks against the main agreement it supplements.
   */
  precedence?: Precedence | null;
}
/**
 * Title, reference, language, money, dates and law.
 */
export interface Meta {
  /**
   * The agreement's title, e.g. "Service Level Agreement" (a text per
   * language).
   */
  title:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The provider's reference for it, e.g. "SLA-2026-014".
   */
  reference: string;
  /**
   * The version label printed on the contract, e.g. "1.2".
   */
  version_label: string;
  /**
   * The contract's language.
   */
  language: "en" | "fr";
  /**
   * ISO 4217 currency code of amounts, e.g. `EUR`.
   */
  currency: string;
  /**
   * The monthly fee that service credits are a share of.
   */
  monthly_fee?: Money | null;
  /**
   * Whether amounts are stated before or after tax (HT / TTC).
   */
  amounts?: "excluding_tax" | "including_tax";
  /**
   * When the agreement takes effect.
   */
  effective_date: string;
  term: Term;
  /**
   * The law that governs it, e.g. "French law".
   */
  governing_law:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The courts with jurisdiction, e.g. "Tribunal de commerce de Lyon".
   */
  jurisdiction?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The SLA's shape.
   */
  shape: "customer_based" | "service_based" | "multi_level";
}
/**
 * How long it runs and whether it renews.
 */
export interface Term {
  /**
   * The initial term, in months.
   */
  initial_months: number;
  /**
   * Whether the term renews by itself.
   */
  renewal?: "none" | "automatic";
  /**
   * The length of each renewal, in months (defaults to the initial term).
   */
  renewal_months?: number | null;
}
/**
 * The provider and the customer.
 */
export interface Parties {
  provider: Party;
  customer: Party1;
}
/**
 * Who gives the support.
 */
export interface Party {
  /**
   * The registered legal name, e.g. "Acme SAS".
   */
  legal_name: string;
  /**
   * The registered address.
   */
  address?: string;
  /**
   * The company registration number (SIREN, Companies House number, EIN…).
   */
  registration_number?: string;
  /**
   * Where formal notices go.
   */
  notice_contact?: Contact | null;
  /**
   * Who signs for the party.
   */
  signatories?: Signatory[];
}
/**
 * A person or mailbox to write to.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Contact".
 */
export interface Contact {
  /**
   * Name or function, e.g. "Head of Legal" (a text per language).
   */
  name:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * E-mail address.
   */
  email?: string;
  /**
   * Postal address, when it differs from the party's.
   */
  address?: string;
}
/**
 * A person who signs the agreement.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Signatory".
 */
export interface Signatory {
  /**
   * Full name.
   */
  name: string;
  /**
   * Title, e.g. "Chief Executive Officer" (a text per language).
   */
  title:
    | string
    | {
        en?: string;
        fr?: string;
      };
}
/**
 * Who receives it. For an internal SLA, the internal customer (a
 * department).
 */
export interface Party1 {
  /**
   * The registered legal name, e.g. "Acme SAS".
   */
  legal_name: string;
  /**
   * The registered address.
   */
  address?: string;
  /**
   * The company registration number (SIREN, Companies House number, EIN…).
   */
  registration_number?: string;
  /**
   * Where formal notices go.
   */
  notice_contact?: Contact | null;
  /**
   * Who signs for the party.
   */
  signatories?: Signatory[];
}
/**
 * A service in the agreement's scope.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Service".
 */
export interface Service {
  /**
   * The identifier other parts refer to.
   */
  id: string;
  /**
   * The service's name as the contract prints it (a text per language).
   */
  name:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * What the service is and what it includes.
   */
  description?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The availability commitment, if the service has one.
   */
  availability?: Availability | null;
}
/**
 * How available a service is promised to be.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Availability".
 */
export interface Availability {
  /**
   * The committed uptime, e.g. `99.9%`.
   */
  target: string;
  /**
   * The period over which uptime is measured.
   */
  period?: "calendar_month" | "quarter";
  /**
   * The calendar whose opening hours are the only ones measured; around
   * the clock when absent.
   */
  calendar?: string | null;
  /**
   * What counts as downtime.
   */
  downtime_definition?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Minutes that do not count as downtime (beyond planned maintenance),
   * e.g. "incidents caused by the customer's own network".
   */
  excluded?: Text[];
  /**
   * Planned maintenance, which does not count as downtime when announced.
   */
  maintenance?: Maintenance | null;
}
/**
 * Planned maintenance rules.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Maintenance".
 */
export interface Maintenance {
  /**
   * Recurring windows in which planned maintenance may take place.
   */
  windows?: MaintenanceWindow[];
  /**
   * How long in advance maintenance must be announced (`5bd`: five
   * business days).
   */
  notice: string | number;
  /**
   * The most planned maintenance allowed in one measurement period.
   */
  max_per_period?: Duration | null;
  /**
   * Emergency maintenance: work that cannot wait for a planned window
   * (a security fix, a failure about to happen), with its own notice
   * rule. Without it, only planned maintenance is excused.
   */
  emergency?: EmergencyMaintenance | null;
}
/**
 * A weekly maintenance window, e.g. Sunday 02:00 for 4 hours.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MaintenanceWindow".
 */
export interface MaintenanceWindow {
  /**
   * The day the window opens.
   */
  day: string;
  /**
   * When it opens, on `time_zone`'s clock.
   */
  start: string | number;
  /**
   * How long it lasts.
   */
  duration: string | number;
  /**
   * The IANA time zone of `start`.
   */
  time_zone: string;
}
/**
 * Emergency maintenance rules.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "EmergencyMaintenance".
 */
export interface EmergencyMaintenance {
  /**
   * How long in advance it is announced; as soon as practicable, and
   * before it starts, when absent.
   */
  notice?: TargetTime | null;
  /**
   * The most emergency maintenance not counted as downtime in one
   * measurement period; beyond it, it is downtime. No limit when absent.
   */
  max_per_period?: Duration | null;
}
/**
 * A way for the customer to reach support.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Channel".
 */
export interface Channel {
  /**
   * The identifier other parts refer to.
   */
  id: string;
  /**
   * What kind of channel it is.
   */
  kind: "email" | "phone" | "chat" | "portal";
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  name?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The address, number or URL customers use: an address, the same in
   * every language, so a plain string that never warns.
   */
  contact?: string;
  /**
   * On a live channel (phone, chat): how a contact the customer
   * abandons before an agent answers it counts against the first
   * response target; `excluded` when absent.
   */
  abandoned?: AbandonedContacts | null;
}
/**
 * A named support calendar, referenced by plans, targets and OLAs.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Calendar".
 */
export interface Calendar {
  /**
   * The identifier other parts of the agreement use to refer to it.
   */
  id: string;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  name?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * An IANA time zone name, e.g. `Europe/Paris`: an identity, never
   * translated.
   */
  time_zone: string;
  /**
   * When support is open each week.
   */
  hours:
    | "24/7"
    | {
        mon?: Interval[];
        tue?: Interval[];
        wed?: Interval[];
        thu?: Interval[];
        fri?: Interval[];
        sat?: Interval[];
        sun?: Interval[];
      };
  holidays?: Holidays;
  /**
   * One-off closures (e.g. a company event), in the calendar's local time.
   */
  closures?: Closure[];
  /**
   * What "N business days" means on this calendar.
   */
  business_day?: "same_clock_time" | "opening_hours";
}
/**
 * Public holidays on which support is closed.
 */
export interface Holidays {
  /**
   * Country rules over a range of years.
   */
  rules?: HolidayRule[];
  /**
   * Explicit holiday dates.
   */
  dates?: Holiday[];
}
/**
 * The public holidays of a country (or region) for the years `from..=to`.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "HolidayRule".
 */
export interface HolidayRule {
  /**
   * Whose holidays.
   */
  country: "FR" | "GB-ENG" | "US";
  /**
   * First year covered.
   */
  from: number;
  /**
   * Last year covered (inclusive).
   */
  to: number;
}
/**
 * One explicit holiday.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Holiday".
 */
export interface Holiday {
  /**
   * The date, on the calendar's local clock.
   */
  date: string;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  name?:
    | string
    | {
        en?: string;
        fr?: string;
      };
}
/**
 * A one-off closure from `from` to `to` (exclusive), on the calendar's
 * local clock.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Closure".
 */
export interface Closure {
  /**
   * When the closure starts.
   */
  from: string | number;
  /**
   * When it ends (exclusive).
   */
  to: string | number;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  reason?:
    | string
    | {
        en?: string;
        fr?: string;
      };
}
/**
 * A customer plan or segment (Standard, Premium, VIP…). An agreement with a
 * single level of service has one plan.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Plan".
 */
export interface Plan {
  /**
   * The identifier other parts refer to.
   */
  id: string;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  name:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  description?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The calendar giving this plan's support hours.
   */
  calendar: string;
  /**
   * The channels open to this plan.
   */
  channels?: string[];
}
/**
 * A priority level with its definition.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Priority".
 */
export interface Priority {
  /**
   * The identifier, e.g. `P1`.
   */
  id: string;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  name:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  definition:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Examples of requests at this level.
   */
  examples?: Text[];
}
/**
 * The targets of one plan × priority (× channel) row. A row that names a
 * channel applies to that channel and takes precedence over the plan's row
 * without a channel, which applies to every other channel.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Target".
 */
export interface Target {
  /**
   * The plan the row applies to.
   */
  plan: string;
  /**
   * The priority the row applies to.
   */
  priority: string;
  /**
   * The channel the row applies to; all the plan's channels when absent.
   */
  channel?: string | null;
  /**
   * Whether the row's targets count business hours or calendar hours.
   */
  hours?: "business" | "calendar";
  /**
   * The calendar whose hours count; the plan's calendar when absent.
   */
  calendar?: string | null;
  /**
   * The share of tickets in a measurement period that must meet each
   * target, e.g. `95%`.
   */
  objective: string;
  /**
   * Whether the clocks stop while the provider waits for the customer
   * (the ticket is pending); the usual rule, so on unless said otherwise.
   */
  pause_when_pending?: boolean;
  /**
   * Time to the first reply by an agent.
   */
  first_response?: MetricTarget | null;
  /**
   * Longest time between later replies to the customer.
   */
  next_response?: MetricTarget | null;
  /**
   * How often the customer gets a status update while the ticket is open.
   */
  periodic_update?: MetricTarget | null;
  /**
   * Time to resolution.
   */
  resolution?: MetricTarget | null;
}
/**
 * One target: the contractual time, an optional stricter internal time,
 * and optionally its own clock or objective.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MetricTarget".
 */
export interface MetricTarget {
  /**
   * A duration (4h, 30m, 1h30m, 2d) or a number of business days (5bd).
   */
  within: string | number;
  /**
   * The stricter time the provider aims for internally (not in the
   * client contract).
   */
  internal?: TargetTime | null;
  /**
   * Overrides the row's objective for this metric.
   */
  objective?: Percent | null;
  /**
   * Overrides the row's clock for this metric.
   */
  hours?: ClockBasis | null;
}
/**
 * An internal team that works tickets.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Team".
 */
export interface Team {
  /**
   * The identifier other parts refer to.
   */
  id: string;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  name:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  description?:
    | string
    | {
        en?: string;
        fr?: string;
      };
}
/**
 * An operational level agreement: an internal team's commitment for one
 * stage of the work, so that the chain of stages holds the customer SLA.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Ola".
 */
export interface Ola {
  /**
   * The identifier.
   */
  id: string;
  /**
   * The team that commits.
   */
  team: string;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  stage:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * A duration (4h, 30m, 1h30m, 2d) or a number of business days (5bd).
   */
  within: string | number;
  /**
   * Which clock a target counts on.
   */
  hours?: "business" | "calendar";
  /**
   * The calendar whose hours count; the served plan's calendar when absent.
   */
  calendar?: string | null;
  /**
   * What starts the stage's clock.
   */
  starts_on: "creation" | "assignment";
  serves: OlaServes;
}
/**
 * The customer target this stage serves.
 */
export interface OlaServes {
  /**
   * The priority.
   */
  priority: string;
  /**
   * The plan; every plan with a target for the priority when absent.
   */
  plan?: string | null;
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
}
/**
 * Warnings before a breach and escalation levels.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Escalation".
 */
export interface Escalation {
  /**
   * Share of the target's time after which the ticket's owner is warned,
   * e.g. `80%`.
   */
  warn_at?: Percent | null;
  /**
   * The escalation chain, in order.
   */
  levels?: EscalationLevel[];
}
/**
 * One step of the escalation chain.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "EscalationLevel".
 */
export interface EscalationLevel {
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  to:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * When: at a share of the target's time (`90%`), or at the breach
   * plus a delay (`after_breach: 2h`; `0m` at the breach itself).
   */
  when:
    | {
        elapsed: Percent;
      }
    | {
        after_breach: Duration;
      };
  /**
   * The priorities this step applies to; all when empty.
   */
  priorities?: string[];
}
/**
 * Obligations of each party.
 */
export interface Responsibilities {
  /**
   * The provider's obligations.
   */
  provider?: Text[];
  /**
   * The customer's obligations.
   */
  customer?: Text[];
}
/**
 * A case in which the service levels do not apply.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Exclusion".
 */
export interface Exclusion {
  /**
   * The kind of exclusion.
   */
  kind:
    | "force_majeure"
    | "customer_non_compliance"
    | "planned_maintenance"
    | "third_party"
    | "preview_features"
    | "customer_misuse"
    | "other";
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  description?:
    | string
    | {
        en?: string;
        fr?: string;
      };
}
/**
 * Service credits owed when a measured level falls below thresholds.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "CreditSchedule".
 */
export interface CreditSchedule {
  /**
   * The identifier.
   */
  id: string;
  /**
   * What is measured.
   */
  basis:
    | {
        availability: {
          /**
           * The service.
           */
          service: string;
        };
      }
    | {
        compliance: {
          /**
           * The metric.
           */
          metric: "first_response" | "next_response" | "periodic_update" | "resolution";
          /**
           * The priorities it covers; all when empty.
           */
          priorities?: string[];
          /**
           * The plans it covers; all when empty.
           */
          plans?: string[];
        };
      };
  /**
   * The tiers: the credit owed when the measure falls below each
   * threshold. The lowest threshold met decides.
   */
  tiers: CreditTier[];
  /**
   * The most credit owed for one measurement period, as a share of the
   * monthly fee.
   */
  cap?: Percent | null;
  /**
   * How long after the period the customer may claim the credit.
   */
  claim_window?: Duration | null;
  /**
   * The customer's right to terminate when the level is missed repeatedly.
   */
  chronic_failure?: ChronicFailure | null;
  /**
   * Whether credits are the customer's sole and exclusive remedy for a
   * missed level.
   */
  exclusive_remedy?: boolean;
}
/**
 * One tier: below `below`, `credit` of the monthly fee is owed.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "CreditTier".
 */
export interface CreditTier {
  /**
   * A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused.
   */
  below: string;
  /**
   * A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused.
   */
  credit: string;
}
/**
 * A termination right for repeated failure: `missed` periods out of any
 * `window` consecutive ones.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ChronicFailure".
 */
export interface ChronicFailure {
  /**
   * How many missed periods.
   */
  missed: number;
  /**
   * Out of how many consecutive periods.
   */
  window: number;
}
/**
 * A penalty other than a service credit.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Penalty".
 */
export interface Penalty {
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  trigger:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * A fixed amount, in the agreement's currency.
   */
  amount?: Money | null;
  /**
   * Or a share of the monthly fee.
   */
  share_of_fee?: Percent | null;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  per?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The most the penalty can amount to over the agreement's term.
   */
  cap?: Money | null;
}
/**
 * What holds for all penalties together: their overall cap and whether
 * they are liquidated damages that settle the failure they sanction.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PenaltyTerms".
 */
export interface PenaltyTerms {
  /**
   * The most all penalties together can amount to for one calendar month.
   */
  cap?: PenaltyCap | null;
  /**
   * Whether each penalty is liquidated damages and the customer's sole
   * and exclusive remedy for the service-level failure that triggers it
   * (« pénalités forfaitaires et libératoires »); other breaches keep
   * every remedy.
   */
  exclusive_remedy?: boolean;
}
/**
 * Service reports and governance.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Reporting".
 */
export interface Reporting {
  /**
   * How often the provider reports.
   */
  frequency: "weekly" | "monthly" | "quarterly" | "half_yearly" | "yearly";
  /**
   * How long after the period's end the report is delivered (`10bd`:
   * ten business days).
   */
  delivered_within?: TargetTime | null;
  /**
   * What the report contains.
   */
  content?: Text[];
  /**
   * Whether each breach gets its own report with causes and actions.
   */
  breach_reports?: boolean;
  /**
   * The steering committee, if there is one.
   */
  steering_committee?: SteeringCommittee | null;
}
/**
 * A governance body that reviews the service.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SteeringCommittee".
 */
export interface SteeringCommittee {
  /**
   * How often it meets.
   */
  frequency: "weekly" | "monthly" | "quarterly" | "half_yearly" | "yearly";
  /**
   * Who sits on it (roles).
   */
  members?: Text[];
}
/**
 * How the agreement is reviewed and changed.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Revision".
 */
export interface Revision {
  /**
   * How often the parties review the service levels.
   */
  review: "weekly" | "monthly" | "quarterly" | "half_yearly" | "yearly";
  /**
   * A duration (4h, 30m, 1h30m, 2d) or a number of business days (5bd).
   */
  notice: string | number;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  procedure?:
    | string
    | {
        en?: string;
        fr?: string;
      };
}
/**
 * How the agreement ends.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Termination".
 */
export interface Termination {
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  notice: string | number;
  /**
   * Whether either party may terminate without cause, with notice.
   */
  for_convenience?: boolean;
  /**
   * The breaches for which the party not in breach may terminate: each
   * a breach by the other party, which has `cure_days` to remedy it
   * after written notice (a breach that cannot be remedied needs none).
   */
  for_cause?: Text[];
  /**
   * How many days the party in breach has to remedy it after the other
   * party's written notice before the agreement can be terminated for
   * cause; [`DEFAULT_CURE_DAYS`] when absent, at most [`MAX_CURE_DAYS`].
   */
  cure_days?: number;
  /**
   * What happens on termination (data return, transition help…).
   */
  effects?: Text[];
}
/**
 * How the provider tells the customer that a service level has been, or
 * is about to be, missed.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "BreachNotification".
 */
export interface BreachNotification {
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  from?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  to:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  means:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * A duration (4h, 30m, 1h30m, 2d) or a number of business days (5bd).
   */
  within: string | number;
  /**
   * Whether the provider also gives notice as soon as it foresees that a
   * service level will be missed, before the breach.
   */
  anticipated?: boolean;
}
/**
 * The limit of what each party owes the other for its failures.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Liability".
 */
export interface Liability {
  /**
   * The most a party owes in total for one contract year.
   */
  cap?: LiabilityCap | null;
  /**
   * Whether indirect losses (lost profit, lost business, lost goodwill)
   * are excluded.
   */
  indirect_excluded?: boolean;
  /**
   * Cases the cap and the exclusion do not limit, e.g. "gross negligence
   * or wilful misconduct".
   */
  uncapped?: Text[];
}
/**
 * The provider's security measures and backups.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Security".
 */
export interface Security {
  /**
   * The measures the provider maintains, each a sentence.
   */
  measures?: Text[];
  /**
   * How the customer's data is backed up.
   */
  backup?: Backup | null;
}
/**
 * Backups of the customer's data.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Backup".
 */
export interface Backup {
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  every: string | number;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  retention: string | number;
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  location?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * How often restoring a backup is tested.
   */
  restore_test?: Frequency | null;
}
/**
 * Business continuity: how the service survives the loss of a site.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Continuity".
 */
export interface Continuity {
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  failover?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * How soon the service is restored after a disaster (recovery time
   * objective).
   */
  recovery_time?: Duration | null;
  /**
   * How much recent data may be lost (recovery point objective).
   */
  recovery_point?: Duration | null;
  /**
   * How often the continuity plan is tested.
   */
  test?: Frequency | null;
}
/**
 * Whether and how the provider may subcontract the services.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Subcontracting".
 */
export interface Subcontracting {
  /**
   * What the provider needs before using a new subcontractor.
   */
  rule: "free" | "notice" | "consent" | "forbidden";
  /**
   * How long before a new subcontractor starts the provider tells the
   * customer (with `rule: notice`; the customer may object in that time).
   */
  notice?: Duration | null;
  /**
   * Subcontractors the customer accepts by signing, e.g. "Scaleway SAS
   * (hosting)".
   */
  approved?: Text[];
}
/**
 * How this agreement and the main agreement it supplements rank.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Precedence".
 */
export interface Precedence {
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  main_agreement:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Free text: a string in the agreement's language, or a text per language ({en: "…", fr: "…"}); the contract in a language without its own text prints the other one.
   */
  term?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * Which document prevails where they conflict.
   */
  prevails?: "this_agreement" | "main_agreement";
  /**
   * The matters on which it prevails, e.g. "service levels"; every
   * matter when empty.
   */
  matters?: Text[];
}
/**
 * A sample or starter the user can create an agreement from.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SampleInfo".
 */
export interface SampleInfo {
  /**
   * The name to ask for it by.
   */
  name: string;
  /**
   * What it is, in a line.
   */
  summary: string;
}
/**
 * One agreement in the library (or in its trash).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "AgreementSummary".
 */
export interface AgreementSummary {
  /**
   * The library's name for it, also its identifier (`saas-multilevel`).
   */
  id: string;
  /**
   * `meta.title`.
   */
  title: string;
  /**
   * The customer's legal name.
   */
  client: string;
  /**
   * `meta.reference`.
   */
  reference: string;
  /**
   * The latest saved version's number; none while it is only a draft.
   */
  version?: number | null;
  /**
   * Whether it has changes not saved as a version (an autosaved draft).
   */
  dirty: boolean;
  /**
   * The last change (an edit or a saved version), in milliseconds since
   * the Unix epoch.
   */
  modified_ms: number;
  /**
   * When it was moved to the trash, if it is there.
   */
  trashed_ms?: number | null;
}
/**
 * A finding of the core's validator, located by field path.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Diagnostic".
 */
export interface Diagnostic {
  /**
   * A stable code, e.g. `internal-not-stricter`.
   */
  code: string;
  /**
   * Error or warning.
   */
  severity: "error" | "warning";
  /**
   * The field path, e.g. `targets[2].resolution.internal`.
   */
  path: string;
  /**
   * What is wrong and what is allowed.
   */
  message: string;
}
/**
 * An agreement open in the editor, with its findings and history state.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Opened".
 */
export interface Opened {
  summary: AgreementSummary1;
  agreement: Agreement1;
  /**
   * The validator's findings.
   */
  diagnostics: Diagnostic[];
  /**
   * Whether there is an edit to undo.
   */
  can_undo: boolean;
  /**
   * Whether there is an undone edit to redo.
   */
  can_redo: boolean;
}
/**
 * One agreement in the library (or in its trash).
 */
export interface AgreementSummary1 {
  /**
   * The library's name for it, also its identifier (`saas-multilevel`).
   */
  id: string;
  /**
   * `meta.title`.
   */
  title: string;
  /**
   * The customer's legal name.
   */
  client: string;
  /**
   * `meta.reference`.
   */
  reference: string;
  /**
   * The latest saved version's number; none while it is only a draft.
   */
  version?: number | null;
  /**
   * Whether it has changes not saved as a version (an autosaved draft).
   */
  dirty: boolean;
  /**
   * The last change (an edit or a saved version), in milliseconds since
   * the Unix epoch.
   */
  modified_ms: number;
  /**
   * When it was moved to the trash, if it is there.
   */
  trashed_ms?: number | null;
}
/**
 * A customer-support service level agreement.
 */
export interface Agreement1 {
  /**
   * The file format version; this Pledge writes `1`.
   */
  pledge: 1;
  meta: Meta;
  parties: Parties;
  /**
   * The services in scope.
   */
  services: Service[];
  /**
   * Support channels.
   */
  channels?: Channel[];
  /**
   * Support calendars.
   */
  calendars: Calendar[];
  /**
   * Customer plans or segments.
   */
  plans: Plan[];
  /**
   * Priority levels, most urgent first.
   */
  priorities: Priority[];
  /**
   * Targets per plan × priority (× channel).
   */
  targets: Target[];
  /**
   * Internal teams.
   */
  teams?: Team[];
  /**
   * Operational level agreements between internal teams.
   */
  olas?: Ola[];
  /**
   * Warnings and escalation.
   */
  escalation?: Escalation | null;
  responsibilities?: Responsibilities;
  /**
   * Cases where the service levels do not apply.
   */
  exclusions?: Exclusion[];
  /**
   * Service credit schedules.
   */
  credits?: CreditSchedule[];
  /**
   * Other penalties.
   */
  penalties?: Penalty[];
  /**
   * The overall cap of the penalties and their nature.
   */
  penalty_terms?: PenaltyTerms | null;
  /**
   * Reporting and governance.
   */
  reporting?: Reporting | null;
  /**
   * Review and change of the agreement.
   */
  revision?: Revision | null;
  /**
   * How the agreement ends.
   */
  termination?: Termination | null;
  /**
   * How the provider tells the customer of a missed or foreseen breach
   * of a service level.
   */
  breach_notification?: BreachNotification | null;
  /**
   * The limitation of each party's liability.
   */
  liability?: Liability | null;
  /**
   * Security measures and backups.
   */
  security?: Security | null;
  /**
   * Business continuity and failover.
   */
  continuity?: Continuity | null;
  /**
   * Whether and how the provider may subcontract.
   */
  subcontracting?: Subcontracting | null;
  /**
   * How this agreement ranks against the main agreement it supplements.
   */
  precedence?: Precedence | null;
}
/**
 * The outcome of an edit: the new findings and history state.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Edited".
 */
export interface Edited {
  summary: AgreementSummary2;
  /**
   * The validator's findings.
   */
  diagnostics: Diagnostic[];
  /**
   * Whether there is an edit to undo.
   */
  can_undo: boolean;
  /**
   * Whether there is an undone edit to redo.
   */
  can_redo: boolean;
}
/**
 * One agreement in the library (or in its trash).
 */
export interface AgreementSummary2 {
  /**
   * The library's name for it, also its identifier (`saas-multilevel`).
   */
  id: string;
  /**
   * `meta.title`.
   */
  title: string;
  /**
   * The customer's legal name.
   */
  client: string;
  /**
   * `meta.reference`.
   */
  reference: string;
  /**
   * The latest saved version's number; none while it is only a draft.
   */
  version?: number | null;
  /**
   * Whether it has changes not saved as a version (an autosaved draft).
   */
  dirty: boolean;
  /**
   * The last change (an edit or a saved version), in milliseconds since
   * the Unix epoch.
   */
  modified_ms: number;
  /**
   * When it was moved to the trash, if it is there.
   */
  trashed_ms?: number | null;
}
/**
 * Where an export went.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Exported".
 */
export interface Exported {
  /**
   * The file written.
   */
  path: string;
}
/**
 * One saved version of an agreement.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "VersionInfo".
 */
export interface VersionInfo {
  /**
   * 1, 2, 3… in the order of saving.
   */
  number: number;
  /**
   * Who saved it.
   */
  author: string;
  /**
   * Why, in the author's words.
   */
  message: string;
  /**
   * When, in milliseconds since the Unix epoch.
   */
  saved_ms: number;
  /**
   * SHA-256 of the version's canonical YAML, lower-case hex.
   */
  fingerprint: string;
}
/**
 * What saving a version did.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "VersionSaved".
 */
export interface VersionSaved {
  summary: AgreementSummary3;
  version: VersionInfo1;
  /**
   * False when nothing had changed since the latest version, which then
   * stays the latest (no empty version is made).
   */
  created: boolean;
  /**
   * The earlier version whose `meta.version_label` the new one repeats:
   * both contracts would print the same version.
   */
  same_label_as?: number | null;
}
/**
 * One agreement in the library (or in its trash).
 */
export interface AgreementSummary3 {
  /**
   * The library's name for it, also its identifier (`saas-multilevel`).
   */
  id: string;
  /**
   * `meta.title`.
   */
  title: string;
  /**
   * The customer's legal name.
   */
  client: string;
  /**
   * `meta.reference`.
   */
  reference: string;
  /**
   * The latest saved version's number; none while it is only a draft.
   */
  version?: number | null;
  /**
   * Whether it has changes not saved as a version (an autosaved draft).
   */
  dirty: boolean;
  /**
   * The last change (an edit or a saved version), in milliseconds since
   * the Unix epoch.
   */
  modified_ms: number;
  /**
   * When it was moved to the trash, if it is there.
   */
  trashed_ms?: number | null;
}
/**
 * One saved version of an agreement.
 */
export interface VersionInfo1 {
  /**
   * 1, 2, 3… in the order of saving.
   */
  number: number;
  /**
   * Who saved it.
   */
  author: string;
  /**
   * Why, in the author's words.
   */
  message: string;
  /**
   * When, in milliseconds since the Unix epoch.
   */
  saved_ms: number;
  /**
   * SHA-256 of the version's canonical YAML, lower-case hex.
   */
  fingerprint: string;
}
/**
 * One difference between two versions, in the domain's words.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Change".
 */
export interface Change {
  /**
   * Where, list items named by their key: `targets[premium/P1].resolution.within`.
   */
  path: string;
  /**
   * What, e.g. `P1 resolution (premium)`.
   */
  subject: string;
  /**
   * Added, removed or changed.
   */
  kind: "added" | "removed" | "changed";
  /**
   * The earlier value, if a simple one.
   */
  before?: string | null;
  /**
   * The later value, if a simple one.
   */
  after?: string | null;
  /**
   * The whole change as a sentence: `P1 resolution (premium): 8h → 4h`.
   */
  text: string;
}
/**
 * Where the app keeps its data, and why it cannot open it if it cannot.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Startup".
 */
export interface Startup {
  /**
   * The database file.
   */
  database: string;
  /**
   * Why the library could not be opened (a damaged file, one from a
   * newer Pledge, another process holding it); none when it is open.
   */
  error?: AppError | null;
}
/**
 * An error as the UI sees it. `code` is one of the core's closed list
 * (`pledge::error::ErrorCode`), which the UI receives as a TypeScript
 * string union; `message` is for people; `path` names the field concerned
 * (e.g. `targets[2].resolution.within`), the database file for `busy`,
 * `database` and `altered-version`, the settings file for `settings`, or
 * is empty.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "AppError".
 */
export interface AppError {
  /**
   * What kind of problem: the UI acts on `busy` (another process holds
   * the database: try again), `database` (the file cannot be used),
   * `altered-version` (a saved version's text no longer matches its
   * fingerprint: it was not opened) and `cancelled`; the others say what
   * kind of problem the message describes.
   */
  code:
    | "yaml-syntax"
    | "type"
    | "unknown-field"
    | "missing-field"
    | "invalid-value"
    | "duplicate-key"
    | "schema-version"
    | "too-large"
    | "too-deep"
    | "alias-limit"
    | "empty"
    | "not-utf8"
    | "io"
    | "busy"
    | "database"
    | "altered-version"
    | "unknown-agreement"
    | "unknown-version"
    | "no-version"
    | "in-trash"
    | "not-in-trash"
    | "invalid-name"
    | "store"
    | "settings"
    | "invalid-author"
    | "unknown-sample"
    | "unknown-history"
    | "unknown-run"
    | "unknown-portfolio"
    | "in-portfolio"
    | "invalid-export"
    | "invalid-calendar"
    | "clock"
    | "invalid-agreement"
    | "invalid-scenario"
    | "invalid-settings"
    | "cancelled"
    | "simulation"
    | "sizing"
    | "document"
    | "template"
    | "internal";
  /**
   * What went wrong, in plain words.
   */
  message: string;
  /**
   * The field path or file concerned, or empty.
   */
  path: string;
}
/**
 * An agreement's simulation scenario as the Simulation screen edits it,
 * with its problems.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ScenarioState".
 */
export interface ScenarioState {
  scenario: ScenarioSpec;
  /**
   * Its problems with the agreement in the editor: none, every
   * impossible value with its field's path, or the one problem that
   * stops the reading (a wrong type, an invalid agreement).
   */
  problems: AppError[];
}
/**
 * The scenario without its agreement (see `ScenarioSpec`): a plain
 * JSON value, since it may be half-typed while being edited.
 */
export interface ScenarioSpec {
  /**
   * A name for reports.
   */
  name?: string;
  /**
   * The local date and time the simulation starts, warm-up included.
   */
  start: string | number;
  /**
   * The IANA zone of the start, of the workload's week and of months.
   */
  time_zone: string;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  warm_up: string | number;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  horizon: string | number;
  workload: Workload;
  /**
   * The work each priority needs.
   */
  work: PriorityWork[];
  staffing: Staffing;
  /**
   * The order in which agents take waiting tickets.
   */
  dispatch?: "fifo" | "priority" | "deadline";
  /**
   * Incidents per service.
   */
  incidents?: IncidentProfile[];
  /**
   * What the agreement's warning and escalation levels do when they
   * fire.
   */
  escalation?: EscalationEffects | null;
}
/**
 * Volume, shape over the week and mix.
 */
export interface Workload {
  /**
   * Mean tickets per week (give this or `tickets_per_month`).
   */
  tickets_per_week?: number | null;
  /**
   * Mean tickets per month of 30.44 days (give this or `tickets_per_week`).
   */
  tickets_per_month?: number | null;
  /**
   * When in the week tickets arrive; uniform when absent.
   */
  shape?: WeekShape | null;
  /**
   * Which kinds of tickets arrive, as shares adding up to 100 %.
   */
  mix: MixEntry[];
  /**
   * Growth of the volume per month, compounded from the start month
   * (e.g. `2%`; negative for a decline).
   */
  growth_per_month?: Percent | null;
  /**
   * Seasonal factors per calendar month (1 when absent).
   */
  seasonality?: MonthFactors | null;
  /**
   * How long customers on a live channel (the agreement's phone and
   * chat channels) wait for a first answer before they give up; a
   * channel without an entry waits for ever.
   */
  patience?: ChannelPatience[];
}
/**
 * The arrival pattern over the week, in the scenario's time zone: either
 * 168 weights (Monday 00:00–01:00 first), or a daily curve of 24 weights
 * times a factor per day of the week. Only ratios matter.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "WeekShape".
 */
export interface WeekShape {
  /**
   * 168 weights, Monday 00:00 first.
   */
  hours_of_week?: number[] | null;
  /**
   * 24 weights, 00:00–01:00 first, the same for each day.
   */
  daily?: number[] | null;
  /**
   * A factor per day of the week multiplying the daily curve (1 when absent).
   */
  days?: DayFactors | null;
}
/**
 * A factor per day of the week.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "DayFactors".
 */
export interface DayFactors {
  mon?: number;
  tue?: number;
  wed?: number;
  thu?: number;
  fri?: number;
  sat?: number;
  sun?: number;
}
/**
 * One kind of ticket in the mix.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MixEntry".
 */
export interface MixEntry {
  /**
   * The agreement's plan.
   */
  plan: string;
  /**
   * The agreement's priority.
   */
  priority: string;
  /**
   * The agreement's channel; the target row without a channel applies
   * when absent.
   */
  channel?: string | null;
  /**
   * A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused.
   */
  share: string;
}
/**
 * A factor per calendar month.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MonthFactors".
 */
export interface MonthFactors {
  jan?: number;
  feb?: number;
  mar?: number;
  apr?: number;
  may?: number;
  jun?: number;
  jul?: number;
  aug?: number;
  sep?: number;
  oct?: number;
  nov?: number;
  dec?: number;
}
/**
 * The patience of the customers of one live channel.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ChannelPatience".
 */
export interface ChannelPatience {
  /**
   * The agreement's channel, of kind `phone` or `chat`.
   */
  channel: string;
  /**
   * How long a customer waits for an agent to pick the contact up
   * before abandoning it, e.g. `{exponential: 2m}`.
   */
  patience:
    | {
        exponential: Duration;
      }
    | {
        lognormal: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          p90: string | number;
        };
      }
    | {
        gamma: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * The shape (1 is exponential; larger varies less).
           */
          shape: number;
        };
      }
    | {
        empirical: Duration[];
      };
}
/**
 * The work tickets of one priority need.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PriorityWork".
 */
export interface PriorityWork {
  /**
   * The agreement's priority.
   */
  priority: string;
  /**
   * Agent time for the first response (reading, qualifying, replying).
   */
  first_response:
    | {
        exponential: Duration;
      }
    | {
        lognormal: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          p90: string | number;
        };
      }
    | {
        gamma: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * The shape (1 is exponential; larger varies less).
           */
          shape: number;
        };
      }
    | {
        empirical: Duration[];
      };
  /**
   * Agent time for the resolution work, in all, after the first response.
   */
  resolution:
    | {
        exponential: Duration;
      }
    | {
        lognormal: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          p90: string | number;
        };
      }
    | {
        gamma: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * The shape (1 is exponential; larger varies less).
           */
          shape: number;
        };
      }
    | {
        empirical: Duration[];
      };
  /**
   * The share of tickets passed to a resolution team (level 2) rather
   * than resolved by the team that triaged them.
   */
  escalated?: Percent | null;
  /**
   * Mean number of times the ticket waits on the customer before it is
   * resolved (each wait is followed by more work).
   */
  back_and_forths?: number;
  /**
   * How long each wait on the customer lasts; needed when
   * `back_and_forths` or `reopen` is not zero.
   */
  pending?: DurationSpec | null;
  /**
   * The share of resolved tickets the customer reopens (one more wait
   * and work session).
   */
  reopen?: Percent | null;
  /**
   * The agent time one periodic update to the customer takes: with it,
   * the periodic updates of the priority's target rows are simulated
   * (sent, measured and counted in occupancy); without it they are not.
   */
  update?: Duration | null;
}
/**
 * Teams and shifts.
 */
export interface Staffing {
  /**
   * The teams, in the order tickets are routed to them (the first team
   * that works a ticket's stage takes it).
   */
  teams: Team2[];
}
/**
 * A team of agents.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Team2".
 */
export interface Team2 {
  /**
   * The team's name in reports.
   */
  name: string;
  /**
   * The agreement's team this is (its OLAs are measured on it).
   */
  agreement_team?: string | null;
  /**
   * The zone of the shifts' hours; the scenario's when absent.
   */
  time_zone?: string | null;
  /**
   * The stages the team works.
   */
  stages: Stage[];
  /**
   * The priorities it works; all when empty.
   */
  priorities?: string[];
  /**
   * The plans it works; all when empty.
   */
  plans?: string[];
  /**
   * The channels it takes (the agreement's channel ids: phone agents,
   * e-mail agents); all when empty. A team limited to channels takes no
   * ticket without one.
   */
  channels?: string[];
  /**
   * The share of shift time agents are not available for tickets
   * (breaks, meetings, absence).
   */
  shrinkage?: Percent | null;
  /**
   * How many chats an agent holds at once; a chat takes that fraction
   * of an agent's time.
   */
  chat_concurrency?: number;
  /**
   * The loaded cost of one paid agent-hour (pay, charges, overheads), in
   * the agreement's currency: runs and sizings then report the staff
   * cost beside the credits.
   */
  cost_per_hour?: Money | null;
  /**
   * The shifts.
   */
  shifts: Shift[];
}
/**
 * A shift pattern: the same hours on some days of every week.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Shift".
 */
export interface Shift {
  /**
   * A name for reports, e.g. `morning`.
   */
  name: string;
  /**
   * The days it starts on.
   */
  days: Day[];
  /**
   * An opening interval HH:MM-HH:MM; `+1` marks an end on the next day.
   */
  hours: string | number;
  /**
   * Agents on it.
   */
  headcount: number;
  /**
   * The cost of an agent-hour on this shift, over the team's (nights and
   * weekends cost more).
   */
  cost_per_hour?: Money | null;
}
/**
 * How often a service goes down and for how long.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "IncidentProfile".
 */
export interface IncidentProfile {
  /**
   * The agreement's service.
   */
  service: string;
  /**
   * Mean incidents per month (Poisson).
   */
  per_month: number;
  /**
   * A distribution of durations, as written in a scenario.
   */
  duration:
    | {
        exponential: Duration;
      }
    | {
        lognormal: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          p90: string | number;
        };
      }
    | {
        gamma: {
          /**
           * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
           */
          mean: string | number;
          /**
           * The shape (1 is exponential; larger varies less).
           */
          shape: number;
        };
      }
    | {
        empirical: Duration[];
      };
}
/**
 * What the agreement's warning threshold and escalation levels do to a
 * ticket when they fire (issue 16): the agreement says when, the
 * scenario says what the desk then does.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "EscalationEffects".
 */
export interface EscalationEffects {
  /**
   * The effect of the agreement's `warn_at` threshold.
   */
  warn_at?: EscalationEffect | null;
  /**
   * The effect of escalation levels, each naming its level.
   */
  levels?: LevelEffect[];
}
/**
 * What happens to a ticket when a warning or an escalation level fires.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "EscalationEffect".
 */
export interface EscalationEffect {
  /**
   * The ticket goes ahead of every ticket not raised in its team's
   * waiting line, whatever the dispatch policy.
   */
  raise_priority?: boolean;
  /**
   * The ticket moves to this team's waiting line (a scenario team's
   * name) and stays with that team.
   */
  move_to?: string | null;
  /**
   * An on-call agent is called in for the ticket.
   */
  on_call?: OnCall | null;
}
/**
 * An agent called in for one ticket: after the delay (the time to reach
 * and log in), the agent works the ticket whenever it waits for an agent,
 * outside the team's headcount.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "OnCall".
 */
export interface OnCall {
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  after: string | number;
}
/**
 * The effect of one escalation level of the agreement.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "LevelEffect".
 */
export interface LevelEffect {
  /**
   * The level: its index in the agreement's `escalation.levels` (from
   * 0), or its `to`.
   */
  level: number | string;
  /**
   * See [`EscalationEffect::raise_priority`].
   */
  raise_priority?: boolean;
  /**
   * See [`EscalationEffect::move_to`].
   */
  move_to?: string | null;
  /**
   * See [`EscalationEffect::on_call`].
   */
  on_call?: OnCall | null;
}
/**
 * The scenario as the UI edits it: a scenario file's fields without the
 * agreement. Used for the UI's types; the value itself travels as JSON.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ScenarioSpec".
 */
export interface ScenarioSpec1 {
  /**
   * A name for reports.
   */
  name?: string;
  /**
   * The local date and time the simulation starts, warm-up included.
   */
  start: string | number;
  /**
   * The IANA zone of the start, of the workload's week and of months.
   */
  time_zone: string;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  warm_up: string | number;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  horizon: string | number;
  workload: Workload;
  /**
   * The work each priority needs.
   */
  work: PriorityWork[];
  staffing: Staffing;
  /**
   * The order in which agents take waiting tickets.
   */
  dispatch?: "fifo" | "priority" | "deadline";
  /**
   * Incidents per service.
   */
  incidents?: IncidentProfile[];
  /**
   * What the agreement's warning and escalation levels do when they
   * fire.
   */
  escalation?: EscalationEffects | null;
}
/**
 * How to run: replications and seed (and, for sizing, the confidence).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RunSettings".
 */
export interface RunSettings {
  /**
   * Independent replications, 1 to 10 000.
   */
  replications: number;
  /**
   * The master seed.
   */
  seed: number;
  /**
   * For sizing: the share of months every objective must hold in (0–1).
   */
  confidence?: number | null;
}
/**
 * How far a run or a sizing has got.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RunProgress".
 */
export interface RunProgress {
  /**
   * Replications finished (of the current staffing, when sizing).
   */
  done: number;
  /**
   * Replications in a run (of one staffing, when sizing).
   */
  total: number;
  /**
   * When sizing: staffings simulated so far.
   */
  evaluations?: number | null;
  /**
   * When sizing: the agent-hours per week of the best staffing so far.
   */
  best_agent_hours?: number | null;
}
/**
 * What a run found, shaped for the screen.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SimulationResults".
 */
export interface SimulationResults {
  /**
   * Replications run.
   */
  replications: number;
  /**
   * The seed.
   */
  seed: number;
  /**
   * The months reported, `YYYY-MM`.
   */
  months: string[];
  /**
   * Mean tickets per replication.
   */
  tickets: number;
  /**
   * Mean tickets still open when the measured window ends: the backlog
   * the period hands on.
   */
  open_at_end?: number | null;
  /**
   * Of the tickets created in the window and resolved, the share the
   * customer reopened (0–1).
   */
  reopened?: number | null;
  /**
   * Per contractual objective.
   */
  objectives: ObjectiveRow[];
  /**
   * Per plan × priority × live channel whose customers may give up;
   * absent when the scenario gives no patience.
   */
  abandonment?: AbandonmentRow[];
  /**
   * Per team.
   */
  teams: TeamRow[];
  /**
   * Breach rate (0–1) per hour of the week, Monday 00:00 first (168).
   */
  breach_heatmap: number[];
  /**
   * Days since the start of the measured window.
   */
  backlog_days: number[];
  /**
   * Mean open tickets at the start of each day.
   */
  backlog_mean: number[];
  /**
   * The highest over replications.
   */
  backlog_max: number[];
  /**
   * The agreement's currency.
   */
  currency: string;
  /**
   * Per credit schedule, then `total`.
   */
  credits: CreditRow[];
  /**
   * Staff cost per month, expected credits and their total, when the
   * staffing gives a cost per agent-hour.
   */
  costs?: Costs | null;
  /**
   * The version the run was recorded against, when the agreement in the
   * editor is that saved version.
   */
  recorded_version?: number | null;
  /**
   * Per warning or escalation level with an effect: empty when the
   * scenario gives none.
   */
  escalation: EscalationRow[];
}
/**
 * One contractual objective's results.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ObjectiveRow".
 */
export interface ObjectiveRow {
  /**
   * The plan.
   */
  plan: string;
  /**
   * The priority.
   */
  priority: string;
  /**
   * The channel, when the target is for one channel only.
   */
  channel?: string | null;
  /**
   * The metric; the UI names it in its language.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
  /**
   * The contractual time.
   */
  within: string;
  /**
   * The objective in percent, if the target has one.
   */
  objective?: number | null;
  /**
   * Mean compliance over the window, in percent.
   */
  mean: number;
  /**
   * The 90 % interval of the mean, in percent.
   */
  low: number;
  /**
   * Its upper end.
   */
  high: number;
  /**
   * The share of replication-months meeting the objective (0–1).
   */
  p_meets?: number | null;
  /**
   * The measured times on the target's clock (business hours when it
   * counts them, pending time left out when it pauses).
   */
  clock_times?: TimeRow | null;
  /**
   * The same times on the calendar.
   */
  calendar_times?: TimeRow | null;
  /**
   * The target's internal (stricter) time, when it has one.
   */
  internal_within?: string | null;
  /**
   * Mean compliance with the internal time, in percent.
   */
  internal_mean?: number | null;
  /**
   * The histogram of monthly compliance across replications.
   */
  histogram: Bin[];
}
/**
 * Mean, median and 90th percentile of a measured time, in seconds (each
 * the mean over replications).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TimeRow".
 */
export interface TimeRow {
  /**
   * The mean time.
   */
  mean: number;
  /**
   * The median.
   */
  median: number;
  /**
   * The 90th percentile.
   */
  p90: number;
}
/**
 * One bin of a histogram of monthly compliance, in percent.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Bin".
 */
export interface Bin {
  /**
   * The lower bound (included).
   */
  from: number;
  /**
   * The upper bound (excluded, but 100 % is in the last bin).
   */
  to: number;
  /**
   * The share of replication-months in the bin (0–1).
   */
  share: number;
}
/**
 * Contacts abandoned on one plan × priority × live channel.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "AbandonmentRow".
 */
export interface AbandonmentRow {
  /**
   * The plan.
   */
  plan: string;
  /**
   * The priority.
   */
  priority: string;
  /**
   * The live channel.
   */
  channel: string;
  /**
   * Mean contacts per replication.
   */
  contacts: number;
  /**
   * Mean contacts abandoned per replication.
   */
  abandoned: number;
  /**
   * The mean share abandoned, in percent, and its 90 % interval.
   */
  mean: number;
  /**
   * Lower end.
   */
  low: number;
  /**
   * Upper end.
   */
  high: number;
}
/**
 * One team's occupancy.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TeamRow".
 */
export interface TeamRow {
  /**
   * The team.
   */
  name: string;
  /**
   * Paid agent-hours per week.
   */
  agent_hours_per_week: number;
  /**
   * Mean occupancy in percent, and its 90 % interval.
   */
  occupancy: number;
  /**
   * Lower end.
   */
  low: number;
  /**
   * Upper end.
   */
  high: number;
}
/**
 * Credits owed per month under one schedule (or all together).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "CreditRow".
 */
export interface CreditRow {
  /**
   * The schedule's identifier, or `total`.
   */
  schedule: string;
  /**
   * The mean credit per month, in the agreement's currency.
   */
  expected?: number | null;
  /**
   * The 95th percentile of the monthly credit.
   */
  p95?: number | null;
  /**
   * The share of months that owe a credit (0–1).
   */
  p_credit: number;
}
/**
 * What a month costs the provider: the staff it pays and the credits it
 * owes, in the agreement's currency.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Costs".
 */
export interface Costs {
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  staff_per_month: number | string;
  /**
   * Teams with agent-hours but no cost, counted at zero.
   */
  teams_without_cost: string[];
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  credits_expected: number | string;
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  credits_p95: number | string;
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  total_expected: number | string;
  /**
   * The 95 % interval of the expected total, from the spread of the
   * replications' mean monthly credits (Student t).
   *
   * @minItems 2
   * @maxItems 2
   */
  total_interval: [unknown, unknown];
}
/**
 * What one warning or escalation level did (issue 16).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "EscalationRow".
 */
export interface EscalationRow {
  /**
   * `warn_at`, or `levels[N]`.
   */
  level: string;
  /**
   * To whom the agreement escalates (empty for the warning).
   */
  to: string;
  /**
   * When it fires: `75%`, or `after_breach 2h`.
   */
  when: string;
  /**
   * Whether it raises the ticket ahead in its team's line.
   */
  raise_priority: boolean;
  /**
   * The team it moves the ticket to.
   */
  move_to?: string | null;
  /**
   * The on-call agent's delay.
   */
  on_call_after?: string | null;
  /**
   * Mean tickets it fired on per replication.
   */
  escalated: number;
  /**
   * Of those, the share (0–1) that still breached the target it fired
   * on; none when it never fired.
   */
  breached_share?: number | null;
}
/**
 * What a sizing found.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SizingResults".
 */
export interface SizingResults {
  /**
   * The confidence sized for (0–1).
   */
  confidence: number;
  /**
   * Per team and shift, in the scenario's order.
   */
  shifts: ShiftRow[];
  /**
   * Paid agent-hours per week today.
   */
  current_agent_hours: number;
  /**
   * Paid agent-hours per week recommended.
   */
  recommended_agent_hours: number;
  /**
   * Whether today's staffing already meets every objective.
   */
  current_meets: boolean;
  /**
   * Staffings simulated.
   */
  evaluations: number;
}
/**
 * One shift: today's headcount and the recommended one.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ShiftRow".
 */
export interface ShiftRow {
  /**
   * The team's index in the scenario.
   */
  team_index: number;
  /**
   * The shift's index in its team.
   */
  shift_index: number;
  /**
   * The team.
   */
  team: string;
  /**
   * The shift.
   */
  shift: string;
  /**
   * Agents today.
   */
  current: number;
  /**
   * Agents recommended.
   */
  recommended: number;
  /**
   * The Erlang C estimate the search started from.
   */
  erlang: number;
}
/**
 * How the export screen asks for the contract.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ContractChoice".
 */
export interface ContractChoice {
  /**
   * Its language.
   */
  lang: "en" | "fr";
  /**
   * Client or internal edition.
   */
  edition: "client" | "internal";
  /**
   * Print a DRAFT / PROJET mark on every page.
   */
  draft: boolean;
}
/**
 * The contract's pages as they will print.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ContractPreview".
 */
export interface ContractPreview {
  /**
   * Each page as a standalone SVG document (A4, in points), drawn from the
   * same layout the PDF is written from.
   */
  pages: string[];
  /**
   * The document's fingerprint, printed in its footer.
   */
  fingerprint: string;
  /**
   * The saved version the agreement is equal to, which an export is
   * recorded against; none while it has unsaved changes.
   */
  version?: number | null;
}
/**
 * Where a PDF went.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SavedPdf".
 */
export interface SavedPdf {
  /**
   * The file written.
   */
  path: string;
  /**
   * Its number of pages.
   */
  pages: number;
  /**
   * The version it was recorded against in the library; none when the
   * agreement had unsaved changes (nothing to trace it to).
   */
  recorded_version?: number | null;
}
/**
 * The clause-level redline of two versions' contracts.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RedlineView".
 */
export interface RedlineView {
  /**
   * The earlier version.
   */
  from: number;
  /**
   * The later version.
   */
  to: number;
  /**
   * Whether the two contracts read the same.
   */
  unchanged: boolean;
  /**
   * Changes outside the clauses (title page, signatures).
   */
  front: RedlineBlock[];
  /**
   * Every clause in the later version's order, removed ones where they stood.
   */
  clauses: RedlineClause[];
}
/**
 * A block (paragraph, list item, table cell…) that changed.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RedlineBlock".
 */
export interface RedlineBlock {
  /**
   * Where it is in its clause, as steps the UI names in its language
   * (`list 1`, then `item 3`).
   */
  place: PlaceStep[];
  /**
   * `changed`, `added` or `removed`.
   */
  status: string;
  /**
   * Its text in order.
   */
  segments: RedlineSegment[];
}
/**
 * A piece of redline text.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RedlineSegment".
 */
export interface RedlineSegment {
  /**
   * Kept, deleted or inserted.
   */
  op: "equal" | "delete" | "insert";
  /**
   * The text.
   */
  text: string;
}
/**
 * One clause of the comparison.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RedlineClause".
 */
export interface RedlineClause {
  /**
   * Its anchor.
   */
  anchor: string;
  /**
   * `unchanged`, `changed`, `moved`, `added` or `removed`.
   */
  status: string;
  /**
   * Nesting level, 1 for top-level clauses.
   */
  level: number;
  /**
   * Number and title as the comparison prints them (the later version's).
   */
  heading: string;
  /**
   * Its number in the earlier version, for a moved clause.
   */
  number_before?: string | null;
  /**
   * The changed blocks of its own text.
   */
  blocks: RedlineBlock[];
}
/**
 * The user's settings kept with the library.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Settings".
 */
export interface Settings {
  /**
   * The name recorded on the versions this user saves.
   */
  author: string;
  /**
   * False until the user confirms a name: the author is then proposed
   * from the system's user name.
   */
  author_saved: boolean;
}
/**
 * What the agreement is, in what language and money, from when, under
 * which law.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Meta".
 */
export interface Meta1 {
  /**
   * The agreement's title, e.g. "Service Level Agreement" (a text per
   * language).
   */
  title:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The provider's reference for it, e.g. "SLA-2026-014".
   */
  reference: string;
  /**
   * The version label printed on the contract, e.g. "1.2".
   */
  version_label: string;
  /**
   * The contract's language.
   */
  language: "en" | "fr";
  /**
   * ISO 4217 currency code of amounts, e.g. `EUR`.
   */
  currency: string;
  /**
   * The monthly fee that service credits are a share of.
   */
  monthly_fee?: Money | null;
  /**
   * Whether amounts are stated before or after tax (HT / TTC).
   */
  amounts?: "excluding_tax" | "including_tax";
  /**
   * When the agreement takes effect.
   */
  effective_date: string;
  term: Term;
  /**
   * The law that governs it, e.g. "French law".
   */
  governing_law:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The courts with jurisdiction, e.g. "Tribunal de commerce de Lyon".
   */
  jurisdiction?:
    | string
    | {
        en?: string;
        fr?: string;
      };
  /**
   * The SLA's shape.
   */
  shape: "customer_based" | "service_based" | "multi_level";
}
/**
 * The agreement's duration and renewal.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Term".
 */
export interface Term1 {
  /**
   * The initial term, in months.
   */
  initial_months: number;
  /**
   * Whether the term renews by itself.
   */
  renewal?: "none" | "automatic";
  /**
   * The length of each renewal, in months (defaults to the initial term).
   */
  renewal_months?: number | null;
}
/**
 * The provider and the customer.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Parties".
 */
export interface Parties1 {
  provider: Party;
  customer: Party1;
}
/**
 * One party to the agreement.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Party".
 */
export interface Party2 {
  /**
   * The registered legal name, e.g. "Acme SAS".
   */
  legal_name: string;
  /**
   * The registered address.
   */
  address?: string;
  /**
   * The company registration number (SIREN, Companies House number, EIN…).
   */
  registration_number?: string;
  /**
   * Where formal notices go.
   */
  notice_contact?: Contact | null;
  /**
   * Who signs for the party.
   */
  signatories?: Signatory[];
}
/**
 * Public holidays: built-in rules for some countries, plus explicit dates.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Holidays".
 */
export interface Holidays1 {
  /**
   * Country rules over a range of years.
   */
  rules?: HolidayRule[];
  /**
   * Explicit holiday dates.
   */
  dates?: Holiday[];
}
/**
 * The SLA target an OLA serves.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "OlaServes".
 */
export interface OlaServes1 {
  /**
   * The priority.
   */
  priority: string;
  /**
   * The plan; every plan with a target for the priority when absent.
   */
  plan?: string | null;
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
}
/**
 * What each party undertakes to do: each obligation a free text (a plain
 * string or a text per language).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Responsibilities".
 */
export interface Responsibilities1 {
  /**
   * The provider's obligations.
   */
  provider?: Text[];
  /**
   * The customer's obligations.
   */
  customer?: Text[];
}
/**
 * The ticket volume, its shape over the week and the year, and its mix.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Workload".
 */
export interface Workload1 {
  /**
   * Mean tickets per week (give this or `tickets_per_month`).
   */
  tickets_per_week?: number | null;
  /**
   * Mean tickets per month of 30.44 days (give this or `tickets_per_week`).
   */
  tickets_per_month?: number | null;
  /**
   * When in the week tickets arrive; uniform when absent.
   */
  shape?: WeekShape | null;
  /**
   * Which kinds of tickets arrive, as shares adding up to 100 %.
   */
  mix: MixEntry[];
  /**
   * Growth of the volume per month, compounded from the start month
   * (e.g. `2%`; negative for a decline).
   */
  growth_per_month?: Percent | null;
  /**
   * Seasonal factors per calendar month (1 when absent).
   */
  seasonality?: MonthFactors | null;
  /**
   * How long customers on a live channel (the agreement's phone and
   * chat channels) wait for a first answer before they give up; a
   * channel without an entry waits for ever.
   */
  patience?: ChannelPatience[];
}
/**
 * The teams that work tickets.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Staffing".
 */
export interface Staffing1 {
  /**
   * The teams, in the order tickets are routed to them (the first team
   * that works a ticket's stage takes it).
   */
  teams: Team2[];
}
/**
 * Two runs compared.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "WhatIf".
 */
export interface WhatIf {
  /**
   * The base run's scenario name.
   */
  base: string;
  /**
   * The other run's scenario name.
   */
  other: string;
  /**
   * Paired replications.
   */
  replications: number;
  /**
   * Their master seed.
   */
  seed: number;
  /**
   * The objectives both runs measure, in the base's order.
   */
  objectives: ObjectiveDifference[];
  /**
   * Objectives only one run measures (`plan/priority[/channel]/metric`).
   */
  unmatched: string[];
  money: MoneyDifference;
}
/**
 * One objective in both runs.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ObjectiveDifference".
 */
export interface ObjectiveDifference {
  /**
   * The plan.
   */
  plan: string;
  /**
   * The priority.
   */
  priority: string;
  /**
   * The row's channel, if it names one.
   */
  channel?: string | null;
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
  /**
   * The base's target, as written.
   */
  within_base: string;
  /**
   * The other's.
   */
  within_other: string;
  compliance: Difference;
  /**
   * The share of months meeting the objective (fractions); none when
   * the row has no objective in one of the runs.
   */
  p_meets?: Difference1 | null;
}
/**
 * Compliance over the measured window (fractions).
 */
export interface Difference {
  /**
   * The base run's mean.
   */
  base: number;
  /**
   * The other run's mean.
   */
  other: number;
  /**
   * The mean of the paired differences (other − base).
   */
  difference: number;
  /**
   * The lower end of its 95 % interval.
   */
  low: number;
  /**
   * The upper end.
   */
  high: number;
  /**
   * Whether the interval excludes zero.
   */
  significant: boolean;
}
/**
 * A figure of the two runs and their paired difference (other − base).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Difference".
 */
export interface Difference1 {
  /**
   * The base run's mean.
   */
  base: number;
  /**
   * The other run's mean.
   */
  other: number;
  /**
   * The mean of the paired differences (other − base).
   */
  difference: number;
  /**
   * The lower end of its 95 % interval.
   */
  low: number;
  /**
   * The upper end.
   */
  high: number;
  /**
   * Whether the interval excludes zero.
   */
  significant: boolean;
}
/**
 * Credits and costs.
 */
export interface MoneyDifference {
  /**
   * The currency.
   */
  currency: string;
  credits: Difference2;
  /**
   * Staff cost per month of each run, when both staffings have a cost
   * (fixed: no noise).
   *
   * @minItems 2
   * @maxItems 2
   */
  staff?: [unknown, unknown] | null;
  /**
   * Staff cost plus credits, per month, when both have a staff cost.
   */
  total?: Difference1 | null;
}
/**
 * A figure of the two runs and their paired difference (other − base).
 */
export interface Difference2 {
  /**
   * The base run's mean.
   */
  base: number;
  /**
   * The other run's mean.
   */
  other: number;
  /**
   * The mean of the paired differences (other − base).
   */
  difference: number;
  /**
   * The lower end of its 95 % interval.
   */
  low: number;
  /**
   * The upper end.
   */
  high: number;
  /**
   * Whether the interval excludes zero.
   */
  significant: boolean;
}
/**
 * Money of the two runs and their difference.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MoneyDifference".
 */
export interface MoneyDifference1 {
  /**
   * The currency.
   */
  currency: string;
  credits: Difference2;
  /**
   * Staff cost per month of each run, when both staffings have a cost
   * (fixed: no noise).
   *
   * @minItems 2
   * @maxItems 2
   */
  staff?: [unknown, unknown] | null;
  /**
   * Staff cost plus credits, per month, when both have a staff cost.
   */
  total?: Difference1 | null;
}
/**
 * A frontier as the app asks for it: the target and the list as typed.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "FrontierRequest".
 */
export interface FrontierRequest {
  /**
   * `PLAN/PRIORITY/METRIC` or `PLAN/PRIORITY/CHANNEL/METRIC`.
   */
  target: string;
  /**
   * What `list` holds.
   */
  axis: "target" | "share";
  /**
   * Comma-separated values or shares.
   */
  list: string;
}
/**
 * The frontier of one target.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Frontier".
 */
export interface Frontier {
  /**
   * The scenario.
   */
  scenario: string;
  /**
   * The target moved, as `--target` writes it.
   */
  target: string;
  /**
   * The plan.
   */
  plan: string;
  /**
   * The priority.
   */
  priority: string;
  /**
   * The row's channel, when it names one.
   */
  channel?: string | null;
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
  /**
   * `target` (values of the target) or `share` (objective shares).
   */
  axis: string;
  /**
   * The agreement's value of the target.
   */
  contractual: string;
  /**
   * A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused.
   */
  contractual_objective: string;
  /**
   * The share of months in which every objective must hold.
   */
  confidence: number;
  /**
   * Replications of every simulation.
   */
  replications: number;
  /**
   * The seed of every simulation.
   */
  seed: number;
  /**
   * The agreement's currency.
   */
  currency: string;
  /**
   * Staffings simulated over every point.
   */
  simulated: number;
  /**
   * Whether the scenario dispatches by earliest deadline, where a
   * target also orders the queue: a looser value may then be met less
   * often at the same staffing.
   */
  deadline_dispatch: boolean;
  /**
   * Whether the agents needed never fall as the target tightens.
   */
  monotone: boolean;
  /**
   * What the reader should know: where the points are not monotone.
   */
  notes: string[];
  /**
   * The points, in the order asked.
   */
  points: FrontierPoint[];
}
/**
 * One point of the frontier.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "FrontierPoint".
 */
export interface FrontierPoint {
  /**
   * The value as a contract writes it (`4h`, `2bd`, `95%`).
   */
  value: string;
  /**
   * The target in seconds, on the target axis with a duration.
   */
  seconds?: number | null;
  /**
   * A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused.
   */
  objective: string;
  /**
   * Agents on every shift together; none when no staffing was found.
   */
  agents?: number | null;
  /**
   * Their paid agent-hours per week.
   */
  agent_hours?: number | null;
  /**
   * The agents per team and shift.
   */
  shifts: PointShift[];
  /**
   * Their cost over an average month, when the scenario gives a cost.
   */
  staff_per_month?: Money | null;
  /**
   * The share of simulated months meeting the moved target at that
   * staffing.
   */
  p_meets?: number | null;
  /**
   * The credits owed per month, their mean (when the agreement has a
   * monthly fee).
   */
  credits_expected?: Money | null;
  /**
   * Their 95th percentile.
   */
  credits_p95?: Money | null;
  /**
   * Staffings simulated for this point.
   */
  simulated: number;
  /**
   * Whether the looser point's staffing already held this one (one
   * simulation, no search).
   */
  from_looser: boolean;
  /**
   * Why no staffing was found, when none was.
   */
  problem?: string | null;
}
/**
 * One shift's agents at a point.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PointShift".
 */
export interface PointShift {
  /**
   * The team.
   */
  team: string;
  /**
   * The shift.
   */
  shift: string;
  /**
   * Its agents.
   */
  agents: number;
}
/**
 * One team's week: who is on duty each hour against the work that arrives.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TeamCoverage".
 */
export interface TeamCoverage {
  /**
   * The team's index in the scenario.
   */
  team_index: number;
  /**
   * The team.
   */
  name: string;
  /**
   * Its shifts.
   */
  shifts: ShiftCoverage[];
  /**
   * Agents scheduled each hour of the week (every shift together).
   */
  scheduled: number[];
  /**
   * Work arriving each hour, in agents busy all hour (Erlangs), before
   * growth and seasonality.
   */
  offered: number[];
  /**
   * Scheduled agents Erlang C asks for each hour to answer
   * `service_level` of the work within `answer_within_seconds`, with the
   * team's shrinkage, when that hour's work alone is considered.
   */
  required: number[];
  /**
   * The team's mean work session, in seconds.
   */
  mean_handle_seconds: number;
  /**
   * The answer time aimed at, in seconds.
   */
  answer_within_seconds: number;
  /**
   * The share to answer within it.
   */
  service_level: number;
  /**
   * Whether the aim is the tightest first-response target of the
   * tickets the team triages (else 80 % within one hour).
   */
  from_targets: boolean;
  /**
   * Hours of the week with fewer agents scheduled than required.
   */
  hours_under: number;
  /**
   * Hours of the week with work arriving and no agent scheduled.
   */
  hours_uncovered: number;
}
/**
 * One shift on the coverage timeline.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ShiftCoverage".
 */
export interface ShiftCoverage {
  /**
   * The shift's index in its team.
   */
  shift_index: number;
  /**
   * The shift.
   */
  name: string;
  /**
   * Its agents.
   */
  agents: number;
  /**
   * The share of each hour of the week it works (168, Monday 00:00
   * first, in the team's zone).
   */
  cover: number[];
}
/**
 * A simulation run recorded in the library, for the Simulation screen's
 * list of runs.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RecordedRun".
 */
export interface RecordedRun {
  /**
   * Its identifier in the library.
   */
  id: number;
  /**
   * When it was recorded, in milliseconds since the Unix epoch.
   */
  recorded_ms: number;
  version: VersionInfo2;
  /**
   * The scenario's name.
   */
  scenario: string;
  /**
   * The master seed.
   */
  seed: number;
  /**
   * Replications.
   */
  replications: number;
  figures: RecordedFigures;
}
/**
 * One saved version of an agreement.
 */
export interface VersionInfo2 {
  /**
   * 1, 2, 3… in the order of saving.
   */
  number: number;
  /**
   * Who saved it.
   */
  author: string;
  /**
   * Why, in the author's words.
   */
  message: string;
  /**
   * When, in milliseconds since the Unix epoch.
   */
  saved_ms: number;
  /**
   * SHA-256 of the version's canonical YAML, lower-case hex.
   */
  fingerprint: string;
}
/**
 * Its headline figures, read back from what was recorded.
 */
export interface RecordedFigures {
  /**
   * Objectives reported.
   */
  objectives: number;
  /**
   * Those whose mean compliance reached their objective share.
   */
  held: number;
  /**
   * Tickets per replication, their mean.
   */
  tickets?: number | null;
  /**
   * The agreement's currency.
   */
  currency?: string | null;
  /**
   * Expected credits per month.
   */
  credits_expected?: number | null;
  /**
   * Staff cost per month, when the scenario gave costs.
   */
  staff_per_month?: number | null;
}
/**
 * The headline figures of a run recorded in the library, read back from
 * its stored JSON (`CreditedRun::to_json`). Records written by older
 * versions may lack a figure: it is then absent, never guessed.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RecordedFigures".
 */
export interface RecordedFigures1 {
  /**
   * Objectives reported.
   */
  objectives: number;
  /**
   * Those whose mean compliance reached their objective share.
   */
  held: number;
  /**
   * Tickets per replication, their mean.
   */
  tickets?: number | null;
  /**
   * The agreement's currency.
   */
  currency?: string | null;
  /**
   * Expected credits per month.
   */
  credits_expected?: number | null;
  /**
   * Staff cost per month, when the scenario gave costs.
   */
  staff_per_month?: number | null;
}
/**
 * One line of the list of portfolios.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PortfolioRow".
 */
export interface PortfolioRow {
  /**
   * The portfolio's name.
   */
  name: string;
  /**
   * Its members' agreements, in order.
   */
  agreements: string[];
  /**
   * When it was last saved, in milliseconds since 1970.
   */
  saved_ms: number;
}
/**
 * A portfolio as the Portfolio screen edits it, with its problems.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PortfolioState".
 */
export interface PortfolioState {
  portfolio: PortfolioSpec;
  /**
   * Its problems: none, or each with its field's path.
   */
  problems: AppError[];
}
/**
 * The portfolio (see `PortfolioSpec`): a plain JSON value, since it
 * may be half-typed while being edited.
 */
export interface PortfolioSpec {
  /**
   * The portfolio's name.
   */
  name?: string;
  /**
   * The agreements served.
   */
  members: LibraryMember[];
  /**
   * The shared start, warm-up included.
   */
  start: string | number;
  /**
   * The shared zone.
   */
  time_zone: string;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  warm_up: string | number;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  horizon: string | number;
  staffing: SharedStaffing;
  /**
   * The policy over every member's waiting tickets.
   */
  dispatch?: "fifo" | "priority" | "deadline";
  /**
   * A tier per member, in order; pooled when absent.
   */
  precedence?: string[] | null;
  /**
   * The currency of the teams' costs (the first member's when absent).
   */
  currency?: string | null;
}
/**
 * A member of a portfolio in the app: an agreement of the library, which
 * of its scenarios, and its volume.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "LibraryMember".
 */
export interface LibraryMember {
  /**
   * Its identifier in reports, team limits, `acts_as` and `precedence`.
   */
  id: string;
  /**
   * The agreement's name in the library.
   */
  agreement: string;
  /**
   * Which of the agreement's scenarios.
   */
  scenario?: "saved" | "default";
  /**
   * The factor on its ticket volume (100% when absent).
   */
  volume?: Percent | null;
}
/**
 * The shared teams.
 */
export interface SharedStaffing {
  /**
   * The teams every member's tickets may go to.
   */
  teams: SharedTeam[];
}
/**
 * A scenario team's fields, with `acts_as` and `members` for
 * `agreement_team`.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SharedTeam".
 */
export interface SharedTeam {
  /**
   * The team's name in reports.
   */
  name: string;
  /**
   * Per member identifier, the member's agreement team it is (its
   * OLAs).
   */
  acts_as?: {
    [k: string]: string | undefined;
  };
  /**
   * The members it serves; every member when absent.
   */
  members?: string[] | null;
  /**
   * The zone of its shifts, when not the portfolio's.
   */
  time_zone?: string | null;
  /**
   * The stages it works.
   */
  stages: Stage[];
  /**
   * The priorities it takes; every one when empty.
   */
  priorities?: string[];
  /**
   * The plans it takes; every one when empty.
   */
  plans?: string[];
  /**
   * The channels it takes; every one when empty.
   */
  channels?: string[];
  /**
   * The share of shift time not available for tickets.
   */
  shrinkage?: Percent | null;
  /**
   * Chats an agent holds at once.
   */
  chat_concurrency?: number | null;
  /**
   * The cost of an agent-hour.
   */
  cost_per_hour?: Money | null;
  /**
   * Its shifts.
   */
  shifts: Shift[];
}
/**
 * A portfolio as the app edits and stores it: a name, members from the
 * library and what they share. Used for the UI's types; the value itself
 * travels as JSON and is read by [`Portfolio::from_library`].
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PortfolioSpec".
 */
export interface PortfolioSpec1 {
  /**
   * The portfolio's name.
   */
  name?: string;
  /**
   * The agreements served.
   */
  members: LibraryMember[];
  /**
   * The shared start, warm-up included.
   */
  start: string | number;
  /**
   * The shared zone.
   */
  time_zone: string;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  warm_up: string | number;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  horizon: string | number;
  staffing: SharedStaffing;
  /**
   * The policy over every member's waiting tickets.
   */
  dispatch?: "fifo" | "priority" | "deadline";
  /**
   * A tier per member, in order; pooled when absent.
   */
  precedence?: string[] | null;
  /**
   * The currency of the teams' costs (the first member's when absent).
   */
  currency?: string | null;
}
/**
 * The shared teams.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SharedStaffing".
 */
export interface SharedStaffing1 {
  /**
   * The teams every member's tickets may go to.
   */
  teams: SharedTeam[];
}
/**
 * What a portfolio run found, shaped for the screen.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PortfolioResults".
 */
export interface PortfolioResults {
  /**
   * The portfolio's name.
   */
  name: string;
  /**
   * Replications run.
   */
  replications: number;
  /**
   * The seed.
   */
  seed: number;
  /**
   * The months reported, `YYYY-MM`.
   */
  months: string[];
  /**
   * Mean tickets per replication, every member's.
   */
  tickets: number;
  /**
   * Per member, the objectives it holds.
   */
  held: HeldRow[];
  /**
   * Credits per currency, never added across currencies.
   */
  credits: CurrencyRow[];
  /**
   * The shared teams' cost per average month, when some team gives
   * one.
   */
  staff_per_month?: number | null;
  /**
   * The currency of the staff cost.
   */
  staff_currency: string;
  /**
   * The shared teams' occupancy.
   */
  teams: TeamRow[];
  /**
   * Per member.
   */
  members: MemberResults[];
}
/**
 * What a member of a portfolio holds, for the screen.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "HeldRow".
 */
export interface HeldRow {
  /**
   * The member.
   */
  member: string;
  /**
   * Its objectives with a contractual share.
   */
  objectives: number;
  /**
   * Of those, the ones whose mean compliance reaches the share.
   */
  held: number;
  /**
   * The lowest share of months meeting an objective (0–1).
   */
  lowest_p_meets?: number | null;
}
/**
 * The credits of the members owing in one currency, summed month by
 * month.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "CurrencyRow".
 */
export interface CurrencyRow {
  /**
   * ISO 4217.
   */
  currency: string;
  /**
   * The members whose agreements are in it.
   */
  members: string[];
  /**
   * The mean monthly total.
   */
  expected: number;
  /**
   * The 95th percentile of a month's total.
   */
  p95: number;
}
/**
 * One member's results in a portfolio run: its objectives, OLAs,
 * abandonment and escalation rows and its credits, in its currency.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MemberResults".
 */
export interface MemberResults {
  /**
   * The member's identifier.
   */
  id: string;
  results: SimulationResults1;
}
/**
 * What a run found, shaped for the screen.
 */
export interface SimulationResults1 {
  /**
   * Replications run.
   */
  replications: number;
  /**
   * The seed.
   */
  seed: number;
  /**
   * The months reported, `YYYY-MM`.
   */
  months: string[];
  /**
   * Mean tickets per replication.
   */
  tickets: number;
  /**
   * Mean tickets still open when the measured window ends: the backlog
   * the period hands on.
   */
  open_at_end?: number | null;
  /**
   * Of the tickets created in the window and resolved, the share the
   * customer reopened (0–1).
   */
  reopened?: number | null;
  /**
   * Per contractual objective.
   */
  objectives: ObjectiveRow[];
  /**
   * Per plan × priority × live channel whose customers may give up;
   * absent when the scenario gives no patience.
   */
  abandonment?: AbandonmentRow[];
  /**
   * Per team.
   */
  teams: TeamRow[];
  /**
   * Breach rate (0–1) per hour of the week, Monday 00:00 first (168).
   */
  breach_heatmap: number[];
  /**
   * Days since the start of the measured window.
   */
  backlog_days: number[];
  /**
   * Mean open tickets at the start of each day.
   */
  backlog_mean: number[];
  /**
   * The highest over replications.
   */
  backlog_max: number[];
  /**
   * The agreement's currency.
   */
  currency: string;
  /**
   * Per credit schedule, then `total`.
   */
  credits: CreditRow[];
  /**
   * Staff cost per month, expected credits and their total, when the
   * staffing gives a cost per agent-hour.
   */
  costs?: Costs | null;
  /**
   * The version the run was recorded against, when the agreement in the
   * editor is that saved version.
   */
  recorded_version?: number | null;
  /**
   * Per warning or escalation level with an effect: empty when the
   * scenario gives none.
   */
  escalation: EscalationRow[];
}
/**
 * One history of the library.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "HistoryRow".
 */
export interface HistoryRow {
  /**
   * Its name (`acme-2026`).
   */
  name: string;
  /**
   * Its tickets.
   */
  tickets: number;
  /**
   * The first ticket's creation, in milliseconds since the Unix epoch.
   */
  first_ms?: number | null;
  /**
   * The last ticket's creation.
   */
  last_ms?: number | null;
  /**
   * The imports made into it.
   */
  imports: number;
  /**
   * Its pauses (waiting on the customer) from status logs.
   */
  pauses: number;
}
/**
 * The export chosen for an import, before it starts.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "PickedExport".
 */
export interface PickedExport {
  /**
   * The file's name (without its folder).
   */
  file_name: string;
  /**
   * The history name proposed: the file's stem as a library name.
   */
  name: string;
  /**
   * The file's size in bytes.
   */
  bytes: number;
}
/**
 * How far an import has gone.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ImportTick".
 */
export interface ImportTick {
  /**
   * Rows read.
   */
  rows: number;
  /**
   * Bytes of the file read.
   */
  bytes: number;
  /**
   * The file's size in bytes.
   */
  total_bytes: number;
}
/**
 * What an import did.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ImportSummary".
 */
export interface ImportSummary {
  /**
   * The history.
   */
  history: string;
  /**
   * The file's name.
   */
  file_name: string;
  /**
   * The export's format as found (`Zendesk`, `Freshdesk`…).
   */
  format: string;
  /**
   * Its encoding (`UTF-8`, `Windows-1252`…).
   */
  encoding: string;
  /**
   * The zone of times without an offset.
   */
  time_zone: string;
  /**
   * When the same file was imported into this history before, if it was.
   */
  imported_before_ms?: number | null;
  /**
   * Rows read.
   */
  read: number;
  /**
   * Tickets new to the history.
   */
  imported: number;
  /**
   * Tickets whose values changed.
   */
  updated: number;
  /**
   * Tickets already there as they are.
   */
  unchanged: number;
  /**
   * Rows that could not be read.
   */
  rejected: number;
  /**
   * The first [`SUMMARY_PROBLEMS`] of them.
   */
  problems: RowIssue[];
  /**
   * Why the import stopped, when it did: then nothing was stored.
   */
  stopped?: string | null;
  /**
   * Whether it stopped because the user cancelled it.
   */
  cancelled: boolean;
}
/**
 * A row that could not be read, located.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RowIssue".
 */
export interface RowIssue {
  /**
   * The physical line, from 1 (the header is line 1).
   */
  line: number;
  /**
   * The column's number (from 1) and header name, when one value is at
   * fault.
   */
  column?: string | null;
  /**
   * What is wrong.
   */
  reason: string;
}
/**
 * A history measured under an agreement, with what the screen needs of
 * the agreement to read it: the zones the hours are counted in, and the
 * ids a word of the history can be mapped to.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "HistoryReport".
 */
export interface HistoryReport {
  report: Report;
  /**
   * The time zones of the plans' calendars, each once: the hour-of-week
   * grid counts each ticket in its plan's zone.
   */
  zones: string[];
  /**
   * The agreement's plans.
   */
  plans: IdName[];
  /**
   * Its priorities.
   */
  priorities: IdName[];
  /**
   * Its channels.
   */
  channels: IdName[];
}
/**
 * The core's report.
 */
export interface Report {
  /**
   * The history.
   */
  history: string;
  /**
   * The agreement's title and reference.
   */
  agreement: string;
  /**
   * The agreement's currency.
   */
  currency: string;
  /**
   * The end of the history.
   */
  as_of: string;
  /**
   * The first and last creation.
   *
   * @minItems 2
   * @maxItems 2
   */
  created: [unknown, unknown];
  /**
   * Tickets in the history.
   */
  tickets: number;
  /**
   * Tickets placed on a target row and measured.
   */
  measured: number;
  /**
   * Tickets left out, by reason.
   */
  skipped: SkippedCount[];
  /**
   * Values no id reads, most frequent first.
   */
  unknown_values: UnknownValue[];
  /**
   * Per objective, the agreement's order.
   */
  objectives: ObjectiveCompliance[];
  /**
   * Per month, in order.
   */
  months: MonthCompliance[];
  /**
   * Per credit schedule.
   */
  credits: ScheduleTotal[];
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  credit_total: number | string;
  /**
   * Per metric measured.
   */
  breakdowns: Breakdown[];
  /**
   * Where misses gather, worst first.
   */
  hotspots: Hotspot[];
}
/**
 * Tickets left out, by reason.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "SkippedCount".
 */
export interface SkippedCount {
  /**
   * Why.
   */
  reason:
    | "no-target"
    | {
        missing: Field;
      }
    | {
        unknown: Field;
      }
    | "clock";
  /**
   * How many.
   */
  tickets: number;
}
/**
 * A value of the history that no id of the agreement reads.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "UnknownValue".
 */
export interface UnknownValue {
  /**
   * The fields a ticket is placed by.
   */
  field: "plan" | "priority" | "channel";
  /**
   * The file's word.
   */
  value: string;
  /**
   * Tickets with it.
   */
  tickets: number;
}
/**
 * One objective (target row × metric) over the whole history.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ObjectiveCompliance".
 */
export interface ObjectiveCompliance {
  /**
   * The plan.
   */
  plan: string;
  /**
   * The priority.
   */
  priority: string;
  /**
   * The channel, when the row names one.
   */
  channel?: string | null;
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
  /**
   * The contractual target, as the agreement writes it.
   */
  within: string;
  /**
   * The internal target, when the row sets one.
   */
  internal?: string | null;
  /**
   * The objective, in percent.
   */
  objective: number;
  /**
   * Tickets whose outcome is known.
   */
  measured: number;
  /**
   * Of those, within the target.
   */
  met: number;
  /**
   * Tickets still waiting whose deadline had not passed.
   */
  pending: number;
  /**
   * Tickets within the internal target, when there is one.
   */
  internal_met?: number | null;
  /**
   * Months with tickets for this objective.
   */
  months: number;
  /**
   * The months below the objective (`YYYY-MM`).
   */
  months_missed: string[];
}
/**
 * One month of the history.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MonthCompliance".
 */
export interface MonthCompliance {
  /**
   * `YYYY-MM`.
   */
  month: string;
  /**
   * The objectives with tickets that month.
   */
  objectives: MonthObjective[];
  /**
   * Each credit schedule.
   */
  credits: MonthCredit[];
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  credit_total: number | string;
}
/**
 * One objective in one month.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MonthObjective".
 */
export interface MonthObjective {
  /**
   * Index into [`Report::objectives`].
   */
  objective: number;
  /**
   * Tickets measured and met.
   */
  measured: number;
  /**
   * Within the target.
   */
  met: number;
  /**
   * Below the objective.
   */
  missed: boolean;
}
/**
 * What one credit schedule owes for one month.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MonthCredit".
 */
export interface MonthCredit {
  /**
   * The schedule.
   */
  schedule: string;
  /**
   * The level measured, in percent, when something was.
   */
  level?: number | null;
  /**
   * The deciding tier (from 0), when one applies.
   */
  tier?: number | null;
  /**
   * The credit as a share of the monthly fee, in percent.
   */
  share: number;
  /**
   * The amount, when the agreement gives a monthly fee.
   */
  amount?: Money | null;
}
/**
 * A credit schedule over the whole history.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "ScheduleTotal".
 */
export interface ScheduleTotal {
  /**
   * The schedule.
   */
  schedule: string;
  /**
   * Whether the history can measure it (compliance; not availability).
   */
  measured: boolean;
  /**
   * Months in which a tier applied.
   */
  months_missed: number;
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  total: number | string;
}
/**
 * The breaches of one metric broken down by what tickets have in common.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Breakdown".
 */
export interface Breakdown {
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
  overall: Cell;
  /**
   * By hour of the week, Monday 00:00–01:00 first (168 cells), in the
   * zone of each ticket's plan calendar.
   */
  hour_of_week: Cell1[];
  /**
   * By weekday, Monday first.
   */
  weekday: Cell1[];
  /**
   * By plan.
   */
  plan: Keyed[];
  /**
   * By priority.
   */
  priority: Keyed[];
  /**
   * By channel (the agreement's id, else the file's word).
   */
  channel: Keyed[];
  /**
   * By group (the file's group, `(none)` when it has none).
   */
  group: Keyed[];
  /**
   * By month of creation.
   */
  month: Keyed[];
}
/**
 * All tickets measured on it.
 */
export interface Cell {
  /**
   * Tickets whose outcome is known.
   */
  measured: number;
  /**
   * Of those, the ones that missed the target.
   */
  missed: number;
}
/**
 * Tickets measured and missed.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Cell".
 */
export interface Cell1 {
  /**
   * Tickets whose outcome is known.
   */
  measured: number;
  /**
   * Of those, the ones that missed the target.
   */
  missed: number;
}
/**
 * A count of a value or of a category.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Keyed".
 */
export interface Keyed {
  /**
   * The value.
   */
  key: string;
  cell: Cell2;
}
/**
 * Tickets measured and missed.
 */
export interface Cell2 {
  /**
   * Tickets whose outcome is known.
   */
  measured: number;
  /**
   * Of those, the ones that missed the target.
   */
  missed: number;
}
/**
 * A cell where misses gather.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Hotspot".
 */
export interface Hotspot {
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
  /**
   * The priority.
   */
  priority: string;
  /**
   * The channel.
   */
  channel: string;
  /**
   * The weekday, 0 for Monday.
   */
  weekday: number;
  /**
   * The first hour of the quarter of the day (0, 6, 12 or 18).
   */
  from_hour: number;
  cell: Cell3;
  /**
   * Its miss rate over the metric's overall miss rate.
   */
  lift: number;
}
/**
 * Tickets measured and missed.
 */
export interface Cell3 {
  /**
   * Tickets whose outcome is known.
   */
  measured: number;
  /**
   * Of those, the ones that missed the target.
   */
  missed: number;
}
/**
 * An id of the agreement with its name, for the word maps' choices.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "IdName".
 */
export interface IdName {
  /**
   * The id (`premium`, `P1`, `email`).
   */
  id: string;
  /**
   * Its name, as the agreement writes it.
   */
  name: string;
}
/**
 * The compliance a history would have had under an agreement.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Report".
 */
export interface Report1 {
  /**
   * The history.
   */
  history: string;
  /**
   * The agreement's title and reference.
   */
  agreement: string;
  /**
   * The agreement's currency.
   */
  currency: string;
  /**
   * The end of the history.
   */
  as_of: string;
  /**
   * The first and last creation.
   *
   * @minItems 2
   * @maxItems 2
   */
  created: [unknown, unknown];
  /**
   * Tickets in the history.
   */
  tickets: number;
  /**
   * Tickets placed on a target row and measured.
   */
  measured: number;
  /**
   * Tickets left out, by reason.
   */
  skipped: SkippedCount[];
  /**
   * Values no id reads, most frequent first.
   */
  unknown_values: UnknownValue[];
  /**
   * Per objective, the agreement's order.
   */
  objectives: ObjectiveCompliance[];
  /**
   * Per month, in order.
   */
  months: MonthCompliance[];
  /**
   * Per credit schedule.
   */
  credits: ScheduleTotal[];
  /**
   * An amount in the agreement's currency, at most two decimals.
   */
  credit_total: number | string;
  /**
   * Per metric measured.
   */
  breakdowns: Breakdown[];
  /**
   * Where misses gather, worst first.
   */
  hotspots: Hotspot[];
}
/**
 * The targets a history says the team held, per target row and metric.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "HistoryTargets".
 */
export interface HistoryTargets {
  /**
   * The share of tickets a target must be held in.
   */
  ticket_share: string;
  /**
   * The share of months a target must be met in.
   */
  month_share: string;
  /**
   * How targets are rounded.
   */
  rounding: string;
  /**
   * Tickets read.
   */
  tickets: number;
  /**
   * Tickets that could not be measured, by reason.
   */
  unmeasured: TargetsSkippedCount[];
  /**
   * Per target row and metric, in the agreement's order (first response
   * before resolution).
   */
  rows: RowTargets[];
}
/**
 * Tickets left unmeasured for one reason (a list, not a map, in JSON: a
 * reason such as `unknown: priority` is no JSON key).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TargetsSkippedCount".
 */
export interface TargetsSkippedCount {
  /**
   * Why.
   */
  reason:
    | "no-target"
    | {
        missing: Field;
      }
    | {
        unknown: Field;
      }
    | "clock";
  /**
   * How many tickets.
   */
  tickets: number;
}
/**
 * What the history says of one target row and metric.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "RowTargets".
 */
export interface RowTargets {
  /**
   * The row (index into the agreement's targets).
   */
  row: number;
  /**
   * The plan.
   */
  plan: string;
  /**
   * The priority.
   */
  priority: string;
  /**
   * The row's channel, if it names one.
   */
  channel?: string | null;
  /**
   * The metric.
   */
  metric: "first_response" | "next_response" | "periodic_update" | "resolution";
  /**
   * Which clock a target counts on.
   */
  clock: "business" | "calendar";
  /**
   * Whether pending time is left out (resolution of a row that pauses).
   */
  paused: boolean;
  /**
   * A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused.
   */
  objective: string;
  /**
   * The contractual target as written.
   */
  contractual: string;
  /**
   * Tickets measured.
   */
  tickets: number;
  /**
   * Of those, tickets that never got there before the export.
   */
  never_reached: number;
  /**
   * Of those, tickets within the contractual target.
   */
  met_contract: number;
  /**
   * The tightest target held in the ticket share.
   */
  in_tickets?: Found | null;
  /**
   * Whether the contractual target is held in the ticket share.
   */
  holds_in_tickets: boolean;
  /**
   * The fewest tickets a month needs to be used.
   */
  min_month_tickets: number;
  /**
   * Every month with tickets, in order.
   */
  months: MonthTarget[];
  /**
   * The tightest target met at the objective in the month share of the
   * months used; none when no month is used or too few months meet any.
   */
  in_months?: Found | null;
  /**
   * Whether the contractual target is met at the objective in the month
   * share of the months used; none when no month is used.
   */
  holds_in_months?: boolean | null;
}
/**
 * A target value found: the time itself and the printable target.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Found".
 */
export interface Found {
  /**
   * The time found, in seconds on the row's clock.
   */
  seconds: number;
  /**
   * The printable target, in seconds ([`contract_value`]).
   */
  target_seconds: number;
  /**
   * The printable target as a contract writes it.
   */
  target: string;
}
/**
 * One month of a row and metric.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "MonthTarget".
 */
export interface MonthTarget {
  /**
   * `YYYY-MM`, in the zone of the plan's calendar.
   */
  month: string;
  /**
   * Tickets created that month.
   */
  tickets: number;
  /**
   * Of those, tickets within the contractual target.
   */
  met_contract: number;
  /**
   * The month's own tightest target at the objective, in seconds; none
   * when too many of its tickets never got there.
   */
  tightest_seconds?: number | null;
  /**
   * Whether the month has enough tickets to be used.
   */
  used: boolean;
}
/**
 * A target written from a history into the agreement in the editor.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TargetUsed".
 */
export interface TargetUsed {
  opened: Opened1;
  /**
   * The contractual target before.
   */
  before: string;
  /**
   * After.
   */
  after: string;
  /**
   * What became of the internal target.
   */
  internal:
    | {
        kind: "kept";
      }
    | {
        kind: "scaled";
        /**
         * The internal target before.
         */
        before: string;
        /**
         * After.
         */
        after: string;
      }
    | {
        kind: "removed";
        /**
         * The internal target before.
         */
        before: string;
      };
}
/**
 * An agreement open in the editor, with its findings and history state.
 */
export interface Opened1 {
  summary: AgreementSummary1;
  agreement: Agreement1;
  /**
   * The validator's findings.
   */
  diagnostics: Diagnostic[];
  /**
   * Whether there is an edit to undo.
   */
  can_undo: boolean;
  /**
   * Whether there is an undone edit to redo.
   */
  can_redo: boolean;
}
/**
 * A scenario calibrated from a history, to replace the Simulation
 * screen's inputs.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "CalibratedScenario".
 */
export interface CalibratedScenario {
  /**
   * The history.
   */
  history: string;
  scenario: ScenarioSpec2;
  /**
   * Each input replaced and what it was estimated from.
   */
  inputs: Input[];
  tickets: TicketCounts;
  /**
   * The calibrated period's first day, `YYYY-MM-DD` in the profile's zone.
   */
  from: string;
  /**
   * Its last day.
   */
  to: string;
}
/**
 * The scenario as the UI edits it: a scenario file's fields without the
 * agreement. Used for the UI's types; the value itself travels as JSON.
 */
export interface ScenarioSpec2 {
  /**
   * A name for reports.
   */
  name?: string;
  /**
   * The local date and time the simulation starts, warm-up included.
   */
  start: string | number;
  /**
   * The IANA zone of the start, of the workload's week and of months.
   */
  time_zone: string;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  warm_up: string | number;
  /**
   * A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m.
   */
  horizon: string | number;
  workload: Workload;
  /**
   * The work each priority needs.
   */
  work: PriorityWork[];
  staffing: Staffing;
  /**
   * The order in which agents take waiting tickets.
   */
  dispatch?: "fifo" | "priority" | "deadline";
  /**
   * Incidents per service.
   */
  incidents?: IncidentProfile[];
  /**
   * What the agreement's warning and escalation levels do when they
   * fire.
   */
  escalation?: EscalationEffects | null;
}
/**
 * What a scenario input was estimated from (or that it was not).
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "Input".
 */
export interface Input {
  /**
   * The scenario's field, e.g. `workload.mix`.
   */
  field: string;
  /**
   * Where its value comes from.
   */
  from: string;
}
/**
 * Where the history's tickets went.
 */
export interface TicketCounts {
  /**
   * In the history.
   */
  in_history: number;
  /**
   * Created in the calibrated period.
   */
  in_period: number;
  /**
   * Of those, placed into the agreement (plan, priority, channel).
   */
  placed: number;
  /**
   * Of those in the period, not placed, by reason.
   */
  unplaced: {
    [k: string]: number | undefined;
  };
  /**
   * Of the placed ones, measured on no target row (no row serves them).
   */
  without_target: number;
}
/**
 * How many tickets went where.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "TicketCounts".
 */
export interface TicketCounts1 {
  /**
   * In the history.
   */
  in_history: number;
  /**
   * Created in the calibrated period.
   */
  in_period: number;
  /**
   * Of those, placed into the agreement (plan, priority, channel).
   */
  placed: number;
  /**
   * Of those in the period, not placed, by reason.
   */
  unplaced: {
    [k: string]: number | undefined;
  };
  /**
   * Of the placed ones, measured on no target row (no row serves them).
   */
  without_target: number;
}
/**
 * A history's words read as an agreement's ids: for each field, the
 * export's word (as the file writes it) to the id. Kept per history, so
 * every agreement measured on it reads its words the same way.
 *
 * This interface was referenced by `PledgeBindings`'s JSON-Schema
 * via the `definition` "WordMaps".
 */
export interface WordMaps {
  /**
   * Plan (or organisation) words to plan ids.
   */
  plan?: {
    [k: string]: string | undefined;
  };
  /**
   * Priority words to priority ids.
   */
  priority?: {
    [k: string]: string | undefined;
  };
  /**
   * Channel words to channel ids.
   */
  channel?: {
    [k: string]: string | undefined;
  };
}
